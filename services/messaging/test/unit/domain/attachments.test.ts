import {
  allowedContentType,
  attachmentObjectKey,
  sanitizeFileName,
  uploadObjectKey,
} from '../../../src/domain/attachments';

describe('allowedContentType', () => {
  it.each([
    ['image/png', 'image/png'],
    ['IMAGE/JPEG ', 'image/jpeg'],
    ['image/svg+xml', 'image/svg+xml'],
    ['application/pdf', 'application/pdf'],
    ['text/plain', 'text/plain'],
  ])('accepts %j as %j', (given, stored) => {
    expect(allowedContentType(given)).toBe(stored);
  });

  it.each([
    'text/html',
    'application/octet-stream',
    'application/x-msdownload',
    'image',
    'image/',
    'text/plain; charset=utf-8',
    '',
  ])('refuses %j', (given) => {
    expect(allowedContentType(given)).toBeUndefined();
  });
});

describe('sanitizeFileName', () => {
  it('keeps a plain name', () => {
    expect(sanitizeFileName('report-2025_01.pdf')).toBe('report-2025_01.pdf');
  });

  it('drops paths, accents, spaces and leading dots', () => {
    expect(sanitizeFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFileName('C:\\Users\\me\\Résumé final.pdf')).toBe('Resume_final.pdf');
    expect(sanitizeFileName('.hidden')).toBe('hidden');
    expect(sanitizeFileName('a"b;c\r\n.txt')).toBe('a_b_c_.txt');
  });

  it('shortens long names but keeps the extension', () => {
    const safe = sanitizeFileName(`${'x'.repeat(300)}.png`);

    expect(safe).toHaveLength(100);
    expect(safe.endsWith('.png')).toBe(true);
  });

  it('falls back to "file" when nothing usable is left', () => {
    expect(sanitizeFileName('...')).toBe('file');
    expect(sanitizeFileName('日本')).toBe('file');
  });
});

describe('object keys', () => {
  it('puts uploads under uploads/, namespaced by room and attachment', () => {
    expect(uploadObjectKey('room-1', 'att-1', 'my photo.png')).toBe(
      'uploads/rooms/room-1/att-1/my_photo.png',
    );
  });

  it('keeps a sent attachment under rooms/, namespaced by room, attachment and message', () => {
    expect(attachmentObjectKey('room-1', 'att-1', 'msg-1', 'my photo.png')).toBe(
      'rooms/room-1/att-1/msg-1/my_photo.png',
    );
  });
});
