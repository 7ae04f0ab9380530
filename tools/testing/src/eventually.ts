export interface EventuallyOptions {
  /** How long to keep trying (default 30 s: the stack's functions start cold, and a loaded machine slows every hop). */
  timeoutMs?: number;
  /** Pause between attempts (default 100 ms). */
  intervalMs?: number;
  /** What is awaited, for the timeout message. */
  what?: string;
}

export const EVENTUALLY_DEFAULTS = { timeoutMs: 30_000, intervalMs: 100 } as const;

/** Not yet: what `check` answers while the awaited outcome has not happened. */
type NotYet = undefined | false;

function describe(failure: unknown): string {
  if (failure instanceof Error) return failure.message;
  return `it returned ${String(failure)}`;
}

/**
 * Runs `check` until it succeeds or the deadline passes, and resolves with its answer. A check has not succeeded
 * while it throws (an `expect` that does not hold yet) or answers `undefined` or `false` (nothing there yet). On
 * timeout it throws, naming `what` and the last failure, with the last error as its cause.
 *
 *   const frame = await eventually(() => frames.find((f) => f.type === 'pong'), { what: 'a pong' });
 */
export async function eventually<T>(
  check: () => T | Promise<T>,
  options: EventuallyOptions = {},
): Promise<Exclude<T, NotYet>> {
  const timeoutMs = options.timeoutMs ?? EVENTUALLY_DEFAULTS.timeoutMs;
  const intervalMs = options.intervalMs ?? EVENTUALLY_DEFAULTS.intervalMs;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let failure: unknown;
    try {
      const answer = await check();
      if (answer !== undefined && answer !== false) return answer as Exclude<T, NotYet>;
      failure = answer;
    } catch (error) {
      failure = error;
    }
    if (Date.now() >= deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${options.what ?? 'a condition'}: ${describe(failure)}`,
        failure instanceof Error ? { cause: failure } : undefined,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
