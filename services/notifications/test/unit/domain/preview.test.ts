import { MAX_PREVIEW_LENGTH, previewOf } from '../../../src/domain/preview';

describe('previewOf', () => {
  it('keeps a short text as it is', () => {
    expect(previewOf({ text: 'Hello @bob', attachments: [] })).toBe('Hello @bob');
  });

  it('collapses runs of white space and trims', () => {
    expect(previewOf({ text: '  line one\n\n\tline two  ', attachments: [] })).toBe('line one line two');
  });

  it('cuts a long text to 140 characters ending with an ellipsis', () => {
    const preview = previewOf({ text: 'x'.repeat(4000), attachments: [] });

    expect([...preview]).toHaveLength(MAX_PREVIEW_LENGTH);
    expect(preview.endsWith('…')).toBe(true);
  });

  it('counts characters, not UTF-16 units, and never splits an emoji', () => {
    const preview = previewOf({ text: '😀'.repeat(200), attachments: [] });

    expect([...preview]).toHaveLength(MAX_PREVIEW_LENGTH);
    expect(preview).toBe(`${'😀'.repeat(139)}…`);
  });

  it('keeps a text of exactly 140 characters whole', () => {
    const text = 'y'.repeat(140);

    expect(previewOf({ text, attachments: [] })).toBe(text);
  });

  it('names the attachments of a message without text', () => {
    const attachments = [
      { attachmentId: 'a1', fileName: 'diagram.png', contentType: 'image/png', size: 1 },
      { attachmentId: 'a2', fileName: 'notes.pdf', contentType: 'application/pdf', size: 1 },
    ];

    expect(previewOf({ text: '', attachments })).toBe('[diagram.png, notes.pdf]');
  });
});
