import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FunctionDefinition } from '../services/model';

/**
 * One sandbox of a local Lambda function: a worker thread (worker-bootstrap.cjs) that loads the function's module
 * once, then runs the invocations it is given one at a time, with Lambda's init limit and per-invocation timeout.
 * The function runtime (function-runtime.ts) decides how many a function has and which one runs what.
 */
export interface Job {
  event: unknown;
  resolve(value: unknown): void;
  reject(error: Error): void;
  /** Called when a sandbox takes the invocation (the wait for one is over). */
  started?: () => void;
  /** Called when the invocation has ended, with the CPU time it took (undefined where unknown). */
  ran?: (cpuMs: number | undefined) => void;
}

interface WorkerMessage {
  /** Sent once, when the handler's module has loaded (or failed to). */
  ready?: true;
  id: string;
  ok: boolean;
  result?: unknown;
  error?: { name: string; message: string; stack?: string };
  /** CPU time of the worker's thread: for `ready`, its init; else the invocation's. */
  cpuMs?: number;
}

export class FunctionError extends Error {
  constructor(
    readonly functionName: string,
    readonly errorType: string,
    message: string,
    readonly remoteStack?: string,
  ) {
    super(message);
    this.name = 'FunctionError';
  }
}

const BOOTSTRAP = path.join(__dirname, 'worker-bootstrap.cjs');

/** Lambda gives a function's init this long outside the function's timeout; beyond it, init eats into it. */
export const INIT_LIMIT_MS = 10_000;

/** The `errorType` of an invocation that ran out of time. */
export const TIMEOUT_ERROR = 'TimeoutError';

/** What a sandbox is given to load: the module file, and whether it is TypeScript (loaded through tsx). */
export interface SandboxCode {
  moduleFile: string;
  typescript: boolean;
}

/**
 * `CHAT_LOCAL_CPU_PROF_DIR=<folder>`: every sandbox writes a V8 CPU profile there when it stops (open it in
 * Chrome DevTools), to see where the functions' time goes.
 */
function profileArgs(): string[] {
  const dir = process.env.CHAT_LOCAL_CPU_PROF_DIR;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}

/** One worker thread: loads the function's module once, then runs one invocation at a time. */
export class Sandbox {
  readonly worker: Worker;
  readonly initialized: Promise<void>;
  private current: { id: string; job: Job; timer: NodeJS.Timeout | undefined } | undefined;
  private reapTimer: NodeJS.Timeout | undefined;
  private exited = false;

  constructor(
    private readonly definition: FunctionDefinition,
    env: Record<string, string>,
    functionArn: string,
    code: SandboxCode,
    private readonly onGone: (sandbox: Sandbox) => void,
    output?: (line: string) => void,
  ) {
    this.worker = new Worker(BOOTSTRAP, {
      env,
      workerData: {
        ...code,
        exportName: definition.exportName,
        functionName: definition.functionName,
        functionArn,
        memorySize: definition.memorySize,
      },
      execArgv: ['--enable-source-maps', ...profileArgs()],
      stdout: output !== undefined,
    });
    if (output) forEachLine(this.worker.stdout, output);
    let initDone = () => undefined as void;
    this.initialized = new Promise<void>((resolve) => {
      initDone = resolve;
      setTimeout(resolve, INIT_LIMIT_MS).unref();
    });
    this.worker.on('message', (message: WorkerMessage) => {
      if (!message.ready) return this.settle(message);
      this.onReady?.(message.cpuMs);
      initDone();
    });
    this.worker.on('error', (error) => this.gone(`Runtime exited with error: ${error.message}`));
    this.worker.on('exit', () => {
      initDone();
      this.gone('Runtime exited');
    });
    this.worker.unref();
  }

  get alive(): boolean {
    return !this.exited;
  }

  /** Runs one invocation; the sandbox must be idle. Its timeout starts once the init is over. */
  run(job: Job): void {
    clearTimeout(this.reapTimer);
    const id = randomUUID();
    const timeoutMs = this.definition.timeoutSeconds * 1000;
    this.current = { id, job, timer: undefined };
    void this.initialized.then(() => {
      if (this.current?.id !== id || this.exited) return;
      this.current.timer = setTimeout(() => {
        this.fail(`Task timed out after ${this.definition.timeoutSeconds.toFixed(2)} seconds`, TIMEOUT_ERROR);
        void this.stop();
      }, timeoutMs);
      this.worker.postMessage({ id, requestId: id, event: job.event, deadline: Date.now() + timeoutMs });
    });
  }

  /** Idle again: stops after `ms` unless given work before, if `mayGo()` still says it may then. */
  scheduleReap(ms: number, mayGo: () => boolean): void {
    clearTimeout(this.reapTimer);
    this.reapTimer = setTimeout(() => {
      if (!this.current && mayGo()) void this.stop();
    }, ms);
    this.reapTimer.unref();
  }

  async stop(): Promise<void> {
    clearTimeout(this.reapTimer);
    this.fail('Function stopped', 'Stopped');
    this.gone('Function stopped');
    await this.worker.terminate();
  }

  private settle(message: WorkerMessage): void {
    const current = this.current;
    if (!current || current.id !== message.id) return;
    this.current = undefined;
    clearTimeout(current.timer);
    current.job.ran?.(message.cpuMs);
    if (message.ok) {
      current.job.resolve(message.result);
    } else {
      const { name = 'Error', message: text = 'Unknown error', stack } = message.error ?? {};
      current.job.reject(new FunctionError(this.definition.qualifiedName, name, text, stack));
    }
    this.onIdle?.(this);
  }

  /** Set by the function: called when an invocation has finished and the sandbox can take the next. */
  onIdle: ((sandbox: Sandbox) => void) | undefined;

  /** Set by the function: called once the module has loaded, with the CPU time the sandbox's init took. */
  onReady: ((cpuMs: number | undefined) => void) | undefined;

  private fail(message: string, errorType: string): void {
    const current = this.current;
    if (!current) return;
    this.current = undefined;
    clearTimeout(current.timer);
    current.job.reject(new FunctionError(this.definition.qualifiedName, errorType, message));
  }

  private gone(message: string): void {
    this.fail(message, 'Runtime.ExitError');
    if (this.exited) return;
    this.exited = true;
    clearTimeout(this.reapTimer);
    this.onGone(this);
  }
}

/** Calls `each` with every line `stream` gives (the last one too, when it ends without a newline). */
function forEachLine(stream: NodeJS.ReadableStream, each: (line: string) => void): void {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) each(line);
  });
  stream.on('end', () => {
    if (pending !== '') each(pending);
    pending = '';
  });
}
