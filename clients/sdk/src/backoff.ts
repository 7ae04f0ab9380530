export interface BackoffOptions {
  /** The first delay's ceiling (default 500 ms). */
  baseMs?: number;
  /** No delay is longer (default 30 s). */
  maxMs?: number;
}

/**
 * "Full jitter" exponential backoff: a random delay in [0, min(max, base · 2^attempt)), so clients that lost
 * their connection at the same moment do not all come back at the same moment. `attempt` counts from 0.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}, random = Math.random): number {
  const base = options.baseMs ?? 500;
  const max = options.maxMs ?? 30_000;
  const ceiling = Math.min(max, base * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}
