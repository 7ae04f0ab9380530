import { readFile } from 'node:fs/promises';
import type { LocalEndpoints } from '@chat/local';
import { startStack, type RunningStack } from '@chat/testing';

// Lambda's nodejs20.x runtime is what the functions target; the SDK's notice about Node 22 is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** A benchmark's progress line. */
export const benchLog = (line: string) => process.stdout.write(`[bench] ${line}\n`);

/** What a benchmark opened on the stack (sockets, servers), closed before the stack stops. */
export interface Closers {
  add(close: () => Promise<void>): void;
  /** Closes one now (and forgets it). */
  closeNow(close: () => Promise<void>): Promise<void>;
}

/** The stack a benchmark runs against. */
export interface BenchStack {
  endpoints: LocalEndpoints;
  /** The stack's process (the leader of its process group), when the benchmark started it. */
  pid?: number;
}

/**
 * Runs `bench` against a local stack of its own (free ports, a temporary data folder, the functions with their
 * deployed settings): starts it, and stops it with everything `bench` registered in `closers` when `bench` ends,
 * fails, or the process gets SIGINT/SIGTERM. With `BENCH_STACK=<data folder>/endpoints.json` it runs against that
 * stack, already running (one started by hand, e.g. with CHAT_LOCAL_CPU_PROF_DIR to profile it), and leaves it.
 * With `BENCH_KEEP_FILES=1` the stack it started keeps its data folder and log.
 */
export async function onBenchStack<T>(
  bench: (stack: BenchStack, closers: Closers) => Promise<T>,
): Promise<T> {
  let stack: RunningStack | undefined;
  const open: Array<() => Promise<void>> = [];
  let stopping = false;
  const cleanUp = async () => {
    for (const close of open.splice(0)) await close().catch(() => undefined);
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

  const closers: Closers = {
    add: (close) => void open.push(close),
    closeNow: async (close) => {
      const index = open.indexOf(close);
      if (index >= 0) open.splice(index, 1);
      await close();
    },
  };
  try {
    // The functions run with their deployed settings (timeouts included): under overload, invocations wait for a
    // free sandbox, and that wait does not count against their timeout, as on Lambda.
    const given = process.env.BENCH_STACK;
    if (given) {
      benchLog(`using the running stack of ${given}`);
      const endpoints = JSON.parse(await readFile(given, 'utf8')) as LocalEndpoints;
      return await bench({ endpoints }, closers);
    }
    stack = await startStack({ name: 'chat-bench', detached: true, log: benchLog });
    return await bench(stack, closers);
  } finally {
    await cleanUp();
  }
}

/** Runs a benchmark's main and exits: 0 when it resolved, 1 with its message when it failed. */
export function runBench(name: string, main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: Error) => {
      process.stderr.write(`\nThe ${name} benchmark failed: ${error.message}\n`);
      process.exit(1);
    },
  );
}
