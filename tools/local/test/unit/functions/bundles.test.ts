import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildBundles } from '../../../src/functions/bundles';
import { FunctionRuntime } from '../../../src/functions/function-runtime';
import type { FunctionDefinition } from '../../../src/services/model';

const fixture = path.join(__dirname, '../../fixtures/handlers.ts');

describe('buildBundles', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'chat-bundles-'));
    await copyFile(fixture, path.join(dir, 'handler.ts'));
  });

  afterEach(() => rm(dir, { recursive: true, force: true }));

  const request = () => ({
    entries: { 'svc.hold': path.join(dir, 'handler.ts') },
    cacheDir: path.join(dir, 'cache'),
    root: dir,
  });

  it('builds a bundle per entry, then reuses it while no input changed', async () => {
    const first = await buildBundles(request());
    const second = await buildBundles(request());

    expect(first.built).toBe(true);
    expect(second).toEqual({ built: false, files: first.files });
    expect(await readFile(first.files['svc.hold'] as string, 'utf8')).toContain('mostAtOnce');
  });

  it('builds again when an input file changed', async () => {
    const first = await buildBundles(request());
    await writeFile(path.join(dir, 'handler.ts'), 'export const hold = async () => "changed";\n');

    const second = await buildBundles(request());

    expect(second.built).toBe(true);
    expect(second.files['svc.hold']).not.toBe(first.files['svc.hold']);
    expect(await readFile(second.files['svc.hold'] as string, 'utf8')).toContain('changed');
  });

  it('gives the runtime a module it loads without the TypeScript loader', async () => {
    const { files } = await buildBundles(request());
    const definition: FunctionDefinition = {
      qualifiedName: 'svc.hold',
      service: 'svc',
      key: 'hold',
      functionName: 'chat-svc-local-hold',
      handlerFile: path.join(dir, 'handler.ts'),
      exportName: 'hold',
      environment: {},
      timeoutSeconds: 5,
      memorySize: 256,
    };
    const bundled = new FunctionRuntime({
      functions: [definition],
      bundles: files,
      baseEnvironment: {},
      region: 'eu-west-1',
      accountId: '000000000000',
    });
    const fromSource = new FunctionRuntime({
      functions: [definition],
      baseEnvironment: {},
      region: 'eu-west-1',
      accountId: '000000000000',
    });
    try {
      await expect(bundled.invoke('svc.hold', { ms: 1 })).resolves.toMatchObject({ typescriptLoader: false });
      await expect(fromSource.invoke('svc.hold', { ms: 1 })).resolves.toMatchObject({
        typescriptLoader: true,
      });
    } finally {
      await Promise.all([bundled.close(), fromSource.close()]);
    }
  });
});
