import { startStack, type RunningStack } from '@chat/testing';

// Lambda's nodejs20.x runtime is what the functions target; the SDK's notice about Node 22 is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** Prints a benchmark's progress line. */
export const benchLog = (line: string) => process.stdout.write(`[bench] ${line}\n`);

/** What a benchmark run gets: the stack, and where to register what must be closed before the stack stops. */
export interface BenchContext {
  stack: RunningStack;
  /** Closed (last registered first) before the stack stops, also on Ctrl-C. */
  onCleanUp(close: () => Promise<void>): void;
}

/**
 * Runs one benchmark against its own local stack (free loopback ports, a temporary data folder, its own process
 * group), then stops what it opened and the stack, also on SIGINT/SIGTERM; exits the process with 0, 1 on a
 * failure (the message printed), 130 when interrupted. The functions run with their deployed settings (timeouts
 * included): under overload, invocations wait for a free sandbox, and that wait does not count against their
 * timeout, as on Lambda.
 */
export function runBenchmark(
  name: string,
  run: (context: BenchContext) => Promise<void>,
  options: { env?: Record<string, string> } = {},
): void {
  let stack: RunningStack | undefined;
  const closers: Array<() => Promise<void>> = [];
  let stopping = false;
  const cleanUp = async () => {
    for (const close of closers.splice(0).reverse()) await close().catch(() => undefined);
    // BENCH_KEEP_FILES=1 keeps the stack's data folder and log (its path is printed at start).
    await stack?.stop({ keepFiles: process.env.BENCH_KEEP_FILES === '1' });
  };
  const interrupt = (signal: string) => {
    if (stopping) return;
    stopping = true;
    benchLog(`${signal}: stopping …`);
    void cleanUp().finally(() => process.exit(130));
  };
  process.on('SIGINT', () => interrupt('SIGINT'));
  process.on('SIGTERM', () => interrupt('SIGTERM'));

  const main = async () => {
    try {
      stack = await startStack({
        name: `chat-bench-${name}`,
        detached: true,
        log: benchLog,
        ...(options.env ? { env: options.env } : {}),
      });
      await run({ stack, onCleanUp: (close) => closers.push(close) });
    } finally {
      await cleanUp();
    }
  };
  main().then(
    () => process.exit(0),
    (error: Error) => {
      process.stderr.write(`\nThe ${name} benchmark failed: ${error.message}\n`);
      process.exit(1);
    },
  );
}
