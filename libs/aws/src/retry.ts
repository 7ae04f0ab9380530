/** How a call DynamoDB asks to repeat is repeated: bounded attempts, exponential backoff with jitter. */
export interface RetryOptions {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** The ceiling of the first wait; it doubles with each attempt up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  sleep: (ms: number) => Promise<void>;
  /** In [0, 1): the jitter. */
  random: () => number;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The wait after the `attempt`-th failed attempt (1-based): half the attempt's ceiling plus a random part of the
 * other half, so concurrent callers spread out while each still waits longer every time.
 */
export function backoffDelay(
  attempt: number,
  options: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs' | 'random'>,
) {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (options.random() * ceiling) / 2);
}
