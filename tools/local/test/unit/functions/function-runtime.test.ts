import path from 'node:path';
import { FunctionError, FunctionRuntime } from '../../../src/functions/function-runtime';
import type { FunctionDefinition } from '../../../src/services/model';

const handlerFile = path.join(__dirname, '../../fixtures/handlers.ts');

function aFunction(overrides: Partial<FunctionDefinition> = {}): FunctionDefinition {
  return {
    qualifiedName: 'svc.echo',
    service: 'svc',
    key: 'echo',
    functionName: 'chat-svc-local-echo',
    handlerFile,
    exportName: 'echo',
    environment: { TABLE_NAME: 'my-table' },
    timeoutSeconds: 5,
    memorySize: 256,
    ...overrides,
  };
}

describe('FunctionRuntime', () => {
  let runtime: FunctionRuntime;

  beforeAll(() => {
    runtime = new FunctionRuntime({
      functions: [
        aFunction(),
        aFunction({ qualifiedName: 'svc.other', key: 'other', environment: { TABLE_NAME: 'other-table' } }),
        aFunction({ qualifiedName: 'svc.fails', key: 'fails', exportName: 'fails' }),
        aFunction({ qualifiedName: 'svc.hangs', key: 'hangs', exportName: 'hangs', timeoutSeconds: 1 }),
        aFunction({ qualifiedName: 'svc.callback', key: 'callback', exportName: 'callbackStyle' }),
        aFunction({ qualifiedName: 'svc.nothing', key: 'nothing', exportName: 'returnsNothing' }),
        aFunction({ qualifiedName: 'svc.hold', key: 'hold', exportName: 'hold', timeoutSeconds: 1 }),
        aFunction({
          qualifiedName: 'svc.inProgress',
          key: 'inProgress',
          exportName: 'inProgress',
          timeoutSeconds: 2,
        }),
        aFunction({
          qualifiedName: 'svc.holdTwo',
          key: 'holdTwo',
          exportName: 'hold',
          reservedConcurrency: 2,
        }),
        aFunction({
          qualifiedName: 'svc.slowInit',
          key: 'slowInit',
          handlerFile: path.join(__dirname, '../../fixtures/slow-init-handler.ts'),
          exportName: 'handler',
          timeoutSeconds: 1,
        }),
        aFunction({
          qualifiedName: 'svc.brokenInit',
          key: 'brokenInit',
          handlerFile: path.join(__dirname, '../../fixtures/broken-init-handler.ts'),
          exportName: 'handler',
        }),
      ],
      baseEnvironment: { TABLE_NAME: 'base-table' },
      region: 'eu-west-1',
      accountId: '000000000000',
    });
  });

  afterAll(() => runtime.close());

  it('invokes the handler with the event, a Lambda context and the function environment', async () => {
    const result = (await runtime.invoke('svc.echo', { hello: 'world' })) as Record<string, unknown>;

    expect(result).toMatchObject({
      event: { hello: 'world' },
      functionName: 'chat-svc-local-echo',
      tableName: 'my-table',
      region: 'eu-west-1',
    });
    expect(result.remainingMs).toBeGreaterThan(4000);
  });

  it('keeps each function in its own sandbox with its own environment and warm module state', async () => {
    const first = (await runtime.invoke('svc.other', {})) as Record<string, unknown>;
    const second = (await runtime.invoke('svc.other', {})) as Record<string, unknown>;

    expect(first.tableName).toBe('other-table');
    expect(second.invocations).toBe((first.invocations as number) + 1);
  });

  it('rejects with a function error carrying the error type when the handler throws', async () => {
    const failure = runtime.invoke('svc.fails', {});

    await expect(failure).rejects.toBeInstanceOf(FunctionError);
    await expect(failure).rejects.toMatchObject({ errorType: 'TypeError', message: 'boom' });
  });

  it('fails an invocation that exceeds the timeout and replaces the sandbox', async () => {
    await expect(runtime.invoke('svc.hangs', {})).rejects.toMatchObject({ errorType: 'TimeoutError' });
  });

  it('does not count the init (loading the module) against the timeout, as Lambda does not', async () => {
    const result = (await runtime.invoke('svc.slowInit', {})) as { initMs: number };

    expect(result.initMs).toBeGreaterThanOrEqual(1_500);
  });

  it('fails each invocation of a function whose module throws while loading, with that error', async () => {
    await expect(runtime.invoke('svc.brokenInit', {})).rejects.toMatchObject({
      errorType: 'RangeError',
      message: 'init failed',
    });
    await expect(runtime.invoke('svc.brokenInit', {})).rejects.toMatchObject({ errorType: 'RangeError' });
  });

  it('retries a timed-out or lock-refused delivery no sooner than one timeout later, anything else at once', async () => {
    const timedOut = await runtime.invoke('svc.hangs', {}).catch((error: unknown) => error);
    const failed = await runtime.invoke('svc.fails', {}).catch((error: unknown) => error);

    const locked = await runtime.invoke('svc.inProgress', {}).catch((error: unknown) => error);

    expect(runtime.retryDelayAfter('svc.hangs', timedOut)).toBe(1_000);
    expect(runtime.retryDelayAfter('svc.fails', failed)).toBe(0);
    expect(runtime.retryDelayAfter('svc.inProgress', locked)).toBe(2_000);
  });

  it('supports callback-style handlers and returns null for undefined results', async () => {
    await expect(runtime.invoke('svc.callback', { n: 21 })).resolves.toEqual({ doubled: 42 });
    await expect(runtime.invoke('svc.nothing', {})).resolves.toBeNull();
  });

  it('fails only the invocation that timed out, not another one running beside it', async () => {
    const slow = runtime.invoke('svc.hold', { ms: 3_000 });
    const quick = runtime.invoke('svc.hold', { ms: 50 });

    await expect(quick).resolves.toMatchObject({ mostAtOnce: 1 });
    await expect(slow).rejects.toMatchObject({ errorType: 'TimeoutError' });
  });

  it('runs concurrent invocations in sandboxes of their own, one invocation at a time each', async () => {
    const results = (await Promise.all(
      [1, 2, 3].map(() => runtime.invoke('svc.hold', { ms: 500 })),
    )) as Array<{ sandboxId: string; mostAtOnce: number }>;

    expect(new Set(results.map((result) => result.sandboxId)).size).toBe(3);
    expect(results.every((result) => result.mostAtOnce === 1)).toBe(true);
  });

  it('keeps to reservedConcurrency: the invocations beyond it wait for a free sandbox', async () => {
    const started = Date.now();
    const results = (await Promise.all(
      [1, 2, 3, 4].map(() => runtime.invoke('svc.holdTwo', { ms: 300 })),
    )) as Array<{ sandboxId: string }>;

    expect(new Set(results.map((result) => result.sandboxId)).size).toBe(2);
    expect(runtime.sandboxesOf('svc.holdTwo')).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
  });

  it('rejects an unknown function', async () => {
    await expect(runtime.invoke('svc.missing', {})).rejects.toThrow('No function svc.missing');
  });
});
