import type { Invoke } from '../cloud/types';
import type { FunctionDefinition } from '../services/model';
import { FunctionError, Sandbox, TIMEOUT_ERROR, type Job, type SandboxCode } from './sandbox';

export { FunctionError, INIT_LIMIT_MS, TIMEOUT_ERROR } from './sandbox';

/**
 * Runs the services' Lambda functions locally, as Lambda runs them: each invocation gets a sandbox of its own (a
 * worker thread, with its own module state and its own `process.env`) that runs one invocation at a time. A
 * function scales out to a new sandbox when all of its sandboxes are busy (one loading at a time), up to its
 * concurrency limit (its `reservedConcurrency`, else the runtime's default); meanwhile invocations wait in line. Sandboxes are kept warm
 * and the extra ones go after a minute unused. A sandbox's init (loading the module) runs outside the timeout for
 * up to INIT_LIMIT_MS; from then on the timeout is enforced per invocation: a timed-out invocation fails and only its
 * sandbox is replaced. The module is the function's deploy bundle when one is given, else its TypeScript source.
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
  /** The deploy bundle of each function, by qualified name; a function without one loads its TypeScript. */
  bundles?: Record<string, string>;
  /** Sandboxes per function at most, where the function sets no reservedConcurrency. Default 8. */
  defaultConcurrency?: number;
  log?: (line: string) => void;
  /**
   * Gets every line the functions print on stdout (their log lines and EMF metrics, as CloudWatch Logs would);
   * without it, the workers print straight to this process's stdout.
   */
  output?: (line: string) => void;
  /** Told of every invocation once it has ended (observability/usage.ts counts them). */
  onInvoked?: (qualifiedName: string, outcome: InvocationOutcome) => void;
  /** Called when a sandbox has loaded its function, with the CPU time its thread took (undefined off Linux). */
  onSandboxReady?: (qualifiedName: string, cpuMs: number | undefined) => void;
}

/** How an invocation went: its time from the call, of which waiting for a free sandbox. */
export interface InvocationOutcome {
  ok: boolean;
  durationMs: number;
  waitedMs: number;
  /** CPU time of the sandbox's thread during the invocation (its own, not V8's helper threads'); undefined off Linux. */
  cpuMs?: number;
}

function rewrite(env: Record<string, string>, urls: Record<string, string>): Record<string, string> {
  const rewritten: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    const prefix = Object.keys(urls).find((candidate) => value.startsWith(candidate));
    rewritten[key] = prefix === undefined ? value : (urls[prefix] as string) + value.slice(prefix.length);
  }
  return rewritten;
}

/** The `errorType` of a delivery refused because another delivery of the event holds its lock (@chat/events). */
export const IN_PROGRESS_ERROR = 'EventInProgressError';

/** Sandboxes per function at most, where neither the function nor the runtime's options say otherwise. */
export const DEFAULT_CONCURRENCY = 8;

/** A sandbox unused this long goes, unless it is the function's last one. */
export const IDLE_SANDBOX_MS = 60_000;

/** A function's sandboxes, and the invocations waiting for one. */
class FunctionInstance {
  private readonly sandboxes = new Set<Sandbox>();
  private readonly idle: Sandbox[] = [];
  private readonly waiting: Job[] = [];

  constructor(
    private readonly definition: FunctionDefinition,
    private readonly env: Record<string, string>,
    private readonly functionArn: string,
    private readonly code: SandboxCode,
    private readonly concurrency: number,
    private readonly output?: (line: string) => void,
    private readonly onSandboxReady?: (cpuMs: number | undefined) => void,
  ) {}

  private stopped = false;
  /** Sandboxes whose module is still loading (at most one: see dispatch). */
  private loading = 0;

  invoke(event: unknown, started?: () => void, ran?: (cpuMs: number | undefined) => void): Promise<unknown> {
    if (this.stopped) {
      return Promise.reject(new FunctionError(this.definition.qualifiedName, 'Stopped', 'Function stopped'));
    }
    return new Promise((resolve, reject) => {
      this.waiting.push({ event, resolve, reject, ...(started ? { started } : {}), ...(ran ? { ran } : {}) });
      this.dispatch();
    });
  }

  /** Sandboxes that exist now (busy or idle). */
  get size(): number {
    return this.sandboxes.size;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const job of this.waiting.splice(0)) {
      job.reject(new FunctionError(this.definition.qualifiedName, 'Stopped', 'Function stopped'));
    }
    await Promise.all([...this.sandboxes].map((sandbox) => sandbox.stop()));
  }

  /**
   * Gives waiting invocations to idle sandboxes, else to a new one. Only one sandbox of a function loads at a
   * time: a cold start costs far more CPU here than a warm invocation, so a burst is served by the warm
   * sandboxes as they free up while the next one loads, instead of by a crowd of loads racing for the same cores.
   */
  private dispatch(): void {
    while (this.waiting.length > 0 && !this.stopped) {
      let sandbox = this.idle.pop();
      if (!sandbox) {
        if (this.loading > 0 || this.sandboxes.size >= this.concurrency) return;
        sandbox = this.spawn();
      }
      const job = this.waiting.shift() as Job;
      job.started?.();
      sandbox.run(job);
    }
  }

  private spawn(): Sandbox {
    const sandbox = new Sandbox(
      this.definition,
      this.env,
      this.functionArn,
      this.code,
      (gone) => {
        this.sandboxes.delete(gone);
        const index = this.idle.indexOf(gone);
        if (index >= 0) this.idle.splice(index, 1);
        this.dispatch();
      },
      this.output,
    );
    sandbox.onReady = this.onSandboxReady;
    sandbox.onIdle = (ready) => {
      if (!ready.alive) return;
      this.idle.push(ready);
      ready.scheduleReap(IDLE_SANDBOX_MS, () => this.sandboxes.size > 1);
      this.dispatch();
    };
    this.sandboxes.add(sandbox);
    this.loading += 1;
    void sandbox.initialized.then(() => {
      this.loading -= 1;
      this.dispatch();
    });
    return sandbox;
  }
}

export class FunctionRuntime {
  private readonly instances = new Map<string, FunctionInstance>();
  private readonly timeouts = new Map<string, number>();

  constructor(private readonly options: FunctionRuntimeOptions) {
    const defaultConcurrency = options.defaultConcurrency ?? DEFAULT_CONCURRENCY;
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
      const bundle = options.bundles?.[definition.qualifiedName];
      const code = bundle
        ? { moduleFile: bundle, typescript: false }
        : { moduleFile: definition.handlerFile, typescript: true };
      const concurrency = definition.reservedConcurrency ?? defaultConcurrency;
      this.instances.set(
        definition.qualifiedName,
        new FunctionInstance(definition, env, arn, code, concurrency, options.output, (cpuMs) =>
          options.onSandboxReady?.(definition.qualifiedName, cpuMs),
        ),
      );
      this.timeouts.set(definition.qualifiedName, definition.timeoutSeconds);
    }
  }

  readonly invoke: Invoke = async (qualifiedName, event) => {
    const instance = this.instances.get(qualifiedName);
    if (!instance) throw new Error(`No function ${qualifiedName}`);
    const began = Date.now();
    let startedAt = began;
    let cpuMs: number | undefined;
    const ended = (ok: boolean) => {
      const now = Date.now();
      this.options.onInvoked?.(qualifiedName, {
        ok,
        durationMs: now - began,
        waitedMs: startedAt - began,
        ...(cpuMs === undefined ? {} : { cpuMs }),
      });
    };
    try {
      const result = await instance.invoke(
        event,
        () => (startedAt = Date.now()),
        (ms) => (cpuMs = ms),
      );
      ended(true);
      return result;
    } catch (error) {
      ended(false);
      if (error instanceof FunctionError) {
        this.options.log?.(`function ${qualifiedName} failed: ${error.errorType}: ${error.message}`);
      }
      throw error;
    }
  };

  /**
   * How long to wait before retrying `qualifiedName` after `error` so that the retry meets what AWS's would (AWS
   * retries asynchronous invocations after about 1 and 2 minutes, longer than any timeout here): one function
   * timeout after a timeout, and after a refusal because another delivery holds the event's lock (that lock
   * lasts at most one timeout: a retry sooner would meet it again and the event would fail for good); else 0.
   */
  readonly retryDelayAfter = (qualifiedName: string, error: unknown): number => {
    const timeoutSeconds = this.timeouts.get(qualifiedName);
    const waitsOut =
      error instanceof FunctionError &&
      (error.errorType === TIMEOUT_ERROR || error.errorType === IN_PROGRESS_ERROR);
    return waitsOut && timeoutSeconds !== undefined ? timeoutSeconds * 1000 : 0;
  };

  /** How many sandboxes all functions have now (busy or idle). */
  readonly sandboxCount = (): number =>
    [...this.instances.values()].reduce((sum, instance) => sum + instance.size, 0);

  /** How many sandboxes a function has now (busy or idle). */
  readonly sandboxesOf = (qualifiedName: string): number => this.instances.get(qualifiedName)?.size ?? 0;

  /** A function's timeout in milliseconds (0 for an unknown function). */
  readonly timeoutMsOf = (qualifiedName: string): number => (this.timeouts.get(qualifiedName) ?? 0) * 1000;

  async close(): Promise<void> {
    await Promise.all([...this.instances.values()].map((instance) => instance.stop()));
  }
}
