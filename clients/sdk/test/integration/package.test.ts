import { execFile } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { localStack } from '@chat/testing';

const run = promisify(execFile);
const packageDir = path.join(__dirname, '..', '..');
const repoRoot = path.join(packageDir, '..', '..');

jest.setTimeout(300_000);

beforeAll(async () => {
  await run('npm', ['run', 'build', '-w', '@chat/client'], { cwd: repoRoot });
});

describe('the @chat/client package', () => {
  it('packs compiled ESM and type declarations, and no sources or tests', async () => {
    const { stdout } = await run(
      'npm',
      ['pack', '--dry-run', '--json', '--ignore-scripts', '-w', '@chat/client'],
      {
        cwd: repoRoot,
      },
    );
    const [packed] = JSON.parse(stdout) as Array<{ files: Array<{ path: string }> }>;
    const files = (packed?.files ?? []).map((f) => f.path);

    expect(files).toEqual(
      expect.arrayContaining(['package.json', 'README.md', 'dist/index.js', 'dist/index.d.ts']),
    );
    expect(files).toContain('dist/generated/api-types.d.ts');
    expect(files.filter((f) => f.startsWith('src/') || f.startsWith('test/'))).toEqual([]);
    expect(await readFile(path.join(packageDir, 'dist/index.js'), 'utf8')).toContain(
      "from './chat-client.js'",
    );
  });

  it("runs the README's quick start as written against the stack", async () => {
    const readme = await readFile(path.join(packageDir, 'README.md'), 'utf8');
    const snippet = /## Quick start[\s\S]*?```js\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const stack = localStack();
    const script = snippet
      .replace('http://127.0.0.1:3000', stack.http)
      .replace('ws://127.0.0.1:3001', stack.webSocket);
    const file = path.join(packageDir, `quick-start-${process.pid}.mjs`);
    await writeFile(file, script);
    try {
      const { stdout } = await run(process.execPath, [file], { cwd: packageDir, timeout: 120_000 });

      expect(snippet.split('\n').filter((line) => line.trim() !== '').length).toBeLessThanOrEqual(13);
      expect(stdout).toMatch(/^[\w-]+: hello$/m);
    } finally {
      await rm(file, { force: true });
    }
  });
});
