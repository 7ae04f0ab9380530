import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Invoke } from '../cloud/types';
import type { FunctionDefinition } from '../services/model';

/**
 * Runs the services' Lambda functions locally: one worker thread per function (its own module state and its
 * own `process.env`, as a Lambda sandbox has), started on first use and kept warm. Its init (loading the module)
 * runs outside the timeout for up to INIT_LIMIT_MS, as on Lambda; the timeout is enforced from then on: a timed-out
 * invocation fails and its worker is replaced, as Lambda replaces the sandbox.
 */
export interface FunctionRuntimeOptions {
  functions: FunctionDefinition[];
  /** Environment every function gets (region, credentials, endpoints), under the function's own. */
  baseEnvironment: Record<string, string>;
  region: string;
  accountId: string;
  /**
   * URL prefixes to rewrite in function environments, as a local DNS would: an API's AWS endpoint such as
   * `https://<apiId>.execute-api.<region>.amazonaws.com` becomes the local server's URL.
   */
  rewriteUrls?: Record<string, string>;
  log?: (line: string) => void;
  /**
   * Gets every line the functions print on stdout (their log lines and EMF metrics, as CloudWatch Logs would);
   * without it, the workers print straight to this process's stdout.
   */
  output?: (line: string) => void;
}

function rewrite(env: Record<string, string>, urls: Record<string, string>): Record<string, string> {
  const rewritten: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    const prefix = Object.keys(urls).find((candidate) => value.startsWith(candidate));
    rewritten[key] = prefix === undefined ? value : (urls[prefix] as string) + value.slice(prefix.length);
  }
  return rewritten;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout | undefined;
}

interface WorkerMessage {
  /** Sent once, when the handler's module has loaded (or failed to). */
  ready?: true;
  id: string;
  ok: boolean;
  result?: unknown;
  error?: { name: string; message: string; stack?: string };
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

class FunctionInstance {
  private worker: { worker: Worker; initialized: Promise<void> } | undefined;
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly definition: FunctionDefinition,
    private readonly env: Record<string, string>,
    private readonly functionArn: string,
    private readonly output?: (line: string) => void,
  ) {}

  invoke(event: unknown): Promise<unknown> {
    const { worker, initialized } = this.ensureWorker();
    const id = randomUUID();
    const timeoutMs = this.definition.timeoutSeconds * 1000;
    return new Promise((resolve, reject) => {
      const pending: Pending = { resolve, reject, timer: undefined };
      this.pending.set(id, pending);
      // The function's clock starts once its init is over (or has had INIT_LIMIT_MS), as on Lambda.
      void initialized.then(() => {
        if (!this.pending.has(id)) return;
        pending.timer = setTimeout(() => {
          this.failAll(
            `Task timed out after ${this.definition.timeoutSeconds.toFixed(2)} seconds`,
            TIMEOUT_ERROR,
          );
          void this.stop();
        }, timeoutMs);
        worker.postMessage({ id, requestId: id, event, deadline: Date.now() + timeoutMs });
      });
    });
  }

  async stop(): Promise<void> {
    const running = this.worker;
    this.worker = undefined;
    this.failAll('Function stopped', 'Stopped');
    if (running) await running.worker.terminate();
  }

  private ensureWorker(): { worker: Worker; initialized: Promise<void> } {
    if (this.worker) return this.worker;
    const { definition } = this;
    const worker = new Worker(BOOTSTRAP, {
      env: this.env,
      workerData: {
        handlerFile: definition.handlerFile,
        exportName: definition.exportName,
        functionName: definition.functionName,
        functionArn: this.functionArn,
        memorySize: definition.memorySize,
      },
      execArgv: ['--enable-source-maps'],
      stdout: this.output !== undefined,
    });
    if (this.output) forEachLine(worker.stdout, this.output);
    let initDone = () => undefined as void;
    const initialized = new Promise<void>((resolve) => {
      initDone = resolve;
      setTimeout(resolve, INIT_LIMIT_MS).unref();
    });
    worker.on('message', (message: WorkerMessage) => (message.ready ? initDone() : this.settle(message)));
    worker.on('error', (error) => {
      if (this.worker?.worker === worker) this.worker = undefined;
      this.failAll(`Runtime exited with error: ${error.message}`, 'Runtime.ExitError');
    });
    worker.on('exit', () => {
      if (this.worker?.worker === worker) this.worker = undefined;
      initDone();
    });
    worker.unref();
    this.worker = { worker, initialized };
    return this.worker;
  }

  private settle(message: WorkerMessage): void {
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    clearTimeout(pending.timer);
    if (message.ok) {
      pending.resolve(message.result);
    } else {
      const { name = 'Error', message: text = 'Unknown error', stack } = message.error ?? {};
      pending.reject(new FunctionError(this.definition.qualifiedName, name, text, stack));
    }
  }

  private failAll(message: string, errorType: string): void {
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(new FunctionError(this.definition.qualifiedName, errorType, message));
      this.pending.delete(id);
    }
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

export class FunctionRuntime {
  private readonly instances = new Map<string, FunctionInstance>();
  private readonly timeouts = new Map<string, number>();

  constructor(private readonly options: FunctionRuntimeOptions) {
    for (const definition of options.functions) {
      const arn = `arn:aws:lambda:${options.region}:${options.accountId}:function:${definition.functionName}`;
      const env: Record<string, string> = {
        ...options.baseEnvironment,
        AWS_REGION: options.region,
        AWS_DEFAULT_REGION: options.region,
        AWS_LAMBDA_FUNCTION_NAME: definition.functionName,
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(definition.memorySize),
        AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
        AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x',
        TZ: 'UTC',
        ...rewrite(definition.environment, options.rewriteUrls ?? {}),
      };
      this.instances.set(
        definition.qualifiedName,
        new FunctionInstance(definition, env, arn, options.output),
      );
      this.timeouts.set(definition.qualifiedName, definition.timeoutSeconds);
    }
  }

  readonly invoke: Invoke = async (qualifiedName, event) => {
    const instance = this.instances.get(qualifiedName);
    if (!instance) throw new Error(`No function ${qualifiedName}`);
    try {
      return await instance.invoke(event);
    } catch (error) {
      if (error instanceof FunctionError) {
        this.options.log?.(`function ${qualifiedName} failed: ${error.errorType}: ${error.message}`);
      }
      throw error;
    }
  };

  /**
   * How long to wait before retrying `qualifiedName` after `error` so that the retry meets what AWS's would: one
   * function timeout after a timeout (AWS retries asynchronous invocations after about 1 and 2 minutes, longer
   * than any timeout here), else 0.
   */
  readonly retryDelayAfter = (qualifiedName: string, error: unknown): number => {
    const timeoutSeconds = this.timeouts.get(qualifiedName);
    const timedOut = error instanceof FunctionError && error.errorType === TIMEOUT_ERROR;
    return timedOut && timeoutSeconds !== undefined ? timeoutSeconds * 1000 : 0;
  };

  /** A function's timeout in milliseconds (0 for an unknown function). */
  readonly timeoutMsOf = (qualifiedName: string): number => (this.timeouts.get(qualifiedName) ?? 0) * 1000;

  async close(): Promise<void> {
    await Promise.all([...this.instances.values()].map((instance) => instance.stop()));
  }
}
