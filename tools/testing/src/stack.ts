import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LOCAL_STACK_MAIN, REPO_ROOT, type LocalEndpoints } from '@chat/local';

/** The stack's ports, each read from `CHAT_<NAME>_PORT`. */
const PORT_NAMES = ['HTTP', 'WS', 'DYNAMODB', 'COGNITO', 'S3', 'EVENTBRIDGE', 'SNS', 'WEB'];

/**
 * What the integration tests' stack changes from the defaults (environment at package time): the message send
 * window is 60 s instead of 10 s (the limit stays 30), so that a burst of sends on a loaded machine, which may take
 * longer than 10 s to answer, stays within one window. Every other limit keeps the contract's default.
 */
export const TEST_STACK_SETTINGS = { CHAT_SEND_RATE_WINDOW_SECONDS: '60' } as const;

/** The first start on a new machine downloads DynamoDB Local. */
const READY_DEADLINE_MS = 180_000;
const STOP_DEADLINE_MS = 30_000;

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Free ports for every variable the local stack reads. */
export async function freeStackPorts(): Promise<Record<string, number>> {
  const ports: Record<string, number> = {};
  for (const name of PORT_NAMES) ports[`CHAT_${name}_PORT`] = await freePort();
  return ports;
}

export interface SpawnedStack {
  child: ChildProcessWithoutNullStreams;
  ports: Record<string, number>;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Resolves when `ready` is printed; rejects when the process exits first or the deadline passes. */
  ready(deadlineMs?: number): Promise<void>;
  exited(deadlineMs?: number): Promise<number | null>;
}

export interface SpawnOptions {
  /** Arguments for the entry point (`--fresh`). */
  args?: string[];
  /** Its own process group, so that a stuck stack can be killed with everything it started. */
  detached?: boolean;
  /** Also gets everything it prints. */
  onOutput?: (chunk: Buffer) => void;
}

/** Runs `npm start`'s entry point as a child process, the way a developer does (`LOG_LEVEL=warn` unless given). */
export function spawnStack(
  env: Record<string, string>,
  ports: Record<string, number>,
  options: SpawnOptions = {},
): SpawnedStack {
  const portEnv = Object.fromEntries(Object.entries(ports).map(([name, port]) => [name, String(port)]));
  const child = spawn(
    process.execPath,
    // tsx as a loader in this one process (as `npm start` does), not the tsx command: that command runs the
    // stack in a second process and, on a loaded machine, SIGKILLs it when it does not confirm a signal in 30 ms.
    ['--import', 'tsx', LOCAL_STACK_MAIN, ...(options.args ?? [])],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', ...env, ...portEnv },
      stdio: 'pipe',
      detached: options.detached ?? false,
    },
  );
  let text = '';
  const record = (chunk: Buffer) => {
    text += chunk.toString();
    options.onOutput?.(chunk);
  };
  child.stdout.on('data', record);
  child.stderr.on('data', record);
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const withDeadline = <T>(promise: Promise<T>, ms: number, what: string) => {
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([
      promise,
      new Promise<T>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} not within ${ms} ms:\n${text.slice(-4000)}`)), ms);
        timer.unref();
      }),
    ]).finally(() => clearTimeout(timer));
  };
  return {
    child,
    ports,
    output: () => text,
    ready: (deadlineMs = READY_DEADLINE_MS) =>
      withDeadline(
        new Promise<void>((resolve, reject) => {
          const check = () => /^ready$/m.test(text) && resolve();
          check();
          child.stdout.on('data', check);
          void exit.then((code) =>
            reject(
              new Error(
                `the local stack exited with code ${code} before it was ready:\n${text.slice(-4000)}`,
              ),
            ),
          );
        }),
        deadlineMs,
        'the local stack printing "ready"',
      ),
    exited: (deadlineMs = STOP_DEADLINE_MS) => withDeadline(exit, deadlineMs, 'the local stack exiting'),
  };
}

export interface RunningStack {
  endpoints: LocalEndpoints;
  pid: number;
  /** The temporary folder: `data/` (the stack's data) and `stack.log` (what it printed). */
  dir: string;
  logFile: string;
  /** SIGTERM (the stack stops its emulators), SIGKILL after a deadline, then the folder is removed. */
  stop(options?: { keepFiles?: boolean }): Promise<void>;
}

export interface StartStackOptions {
  /** Extra environment for the stack (`LOG_LEVEL`, function settings). */
  env?: Record<string, string>;
  /** Prefix of the temporary folder's name. */
  name?: string;
  /**
   * Its own process group (a stuck stack is then killed with everything it started); the caller then stops it on
   * Ctrl-C. Otherwise the terminal's Ctrl-C reaches it too.
   */
  detached?: boolean;
  log?: (line: string) => void;
}

/**
 * Starts the whole local stack as `npm start` does, on free loopback ports with a temporary data folder, waits
 * for its `ready` line and reads its endpoints. Used by the integration tests' global setup and the benchmarks.
 */
export async function startStack(options: StartStackOptions = {}): Promise<RunningStack> {
  const log = options.log ?? (() => undefined);
  const dir = await mkdtemp(path.join(tmpdir(), `${options.name ?? 'chat-local'}-`));
  const dataDir = path.join(dir, 'data');
  const logFile = path.join(dir, 'stack.log');
  const logStream = createWriteStream(logFile);
  const spawned = spawnStack({ ...options.env, CHAT_DATA_DIR: dataDir }, await freeStackPorts(), {
    detached: options.detached ?? false,
    onOutput: (chunk) => logStream.write(chunk),
  });
  const { child } = spawned;

  let stopped: Promise<void> | undefined;
  const stop = (stopOptions: { keepFiles?: boolean } = {}) =>
    (stopped ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await spawned.exited().catch(() => {
          log('the local stack did not stop in time: killing it');
          if (options.detached && child.pid) process.kill(-child.pid, 'SIGKILL');
          else child.kill('SIGKILL');
          return spawned.exited();
        });
      }
      await new Promise<void>((resolve) => logStream.end(resolve));
      if (!stopOptions.keepFiles) await rm(dir, { recursive: true, force: true });
    })());

  log(`starting the local stack (data in ${dataDir}) …`);
  const started = Date.now();
  try {
    await spawned.ready();
  } catch (error) {
    await stop({ keepFiles: true });
    throw new Error(`${(error as Error).message}\n(the whole log: ${logFile})`);
  }
  const endpoints = JSON.parse(
    await readFile(path.join(dataDir, 'endpoints.json'), 'utf8'),
  ) as LocalEndpoints;
  log(
    `local stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${endpoints.http}, ${endpoints.webSocket}`,
  );
  return { endpoints, pid: child.pid ?? 0, dir, logFile, stop };
}

/** Environment variable through which the integration tests' global setup hands the endpoints to the tests. */
export const STACK_ENV = 'CHAT_LOCAL_STACK';

/** Endpoints of the local stack the integration tests run against (started once by the global setup). */
export function localStack(): LocalEndpoints {
  const raw = process.env[STACK_ENV];
  if (!raw)
    throw new Error(`${STACK_ENV} is not set: run integration tests through jest's integration project`);
  return JSON.parse(raw) as LocalEndpoints;
}

/** Credentials the stack's emulators accept. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/** Settings for an AWS SDK client on one of the stack's endpoints: `new DynamoDBClient(onStack('dynamodb'))`. */
export function onStack(service: 'dynamodb' | 'eventBridge' | 'cognito' | 's3' | 'sns'): {
  endpoint: string;
  region: string;
  credentials: typeof LOCAL_CREDENTIALS;
} {
  const stack = localStack();
  return { endpoint: stack[service], region: stack.region, credentials: LOCAL_CREDENTIALS };
}
