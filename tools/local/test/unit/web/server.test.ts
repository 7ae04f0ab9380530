import path from 'node:path';
import { contentSecurityPolicy, fileOf } from '../../../src/web';

const root = path.resolve('/srv/web');

describe('fileOf', () => {
  it('names files inside the root, and index.html for the root itself', () => {
    expect(fileOf(root, '/app.js')).toBe(path.join(root, 'app.js'));
    expect(fileOf(root, '/')).toBe(path.join(root, 'index.html'));
    expect(fileOf(root, '/r/room-1')).toBe(path.join(root, 'r', 'room-1'));
    expect(fileOf(root, '/a/../app.css')).toBe(path.join(root, 'app.css'));
  });

  it('never names anything outside the root, however the path is spelled', () => {
    for (const attempt of [
      '/../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/..%2f..%2fetc%2fpasswd',
      '/%2E%2E%5C..%5Cwindows',
      '/app.js%00.png',
      '/%E0%A4%A',
    ]) {
      const file = fileOf(root, attempt);
      expect(file === undefined || file.startsWith(`${root}${path.sep}`)).toBe(true);
    }
    expect(fileOf(root, '/..%2f..%2fetc%2fpasswd')).toBe(path.join(root, 'etc', 'passwd'));
    expect(fileOf(root, '/app.js%00.png')).toBeUndefined();
    expect(fileOf(root, '/%E0%A4%A')).toBeUndefined();
    expect(fileOf(root, '/..%5C..%5Cwindows')).toBeUndefined();
  });
});

describe('contentSecurityPolicy', () => {
  it('allows scripts and styles from the page only, and network to the stack’s APIs and storage', () => {
    const csp = contentSecurityPolicy(
      { httpUrl: 'http://127.0.0.1:3000', wsUrl: 'ws://127.0.0.1:3001' },
      'http://127.0.0.1:4569',
    );
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(
      "connect-src 'self' http://127.0.0.1:3000 ws://127.0.0.1:3001 http://127.0.0.1:4569",
    );
    expect(csp).toContain("img-src 'self' blob: data: http://127.0.0.1:4569");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('*');
  });
});
