import { RateLimitedError } from './errors';
import { countRateLimited, metrics, type Metrics } from './metrics';

/**
 * A per-subject rate limit: at most `limit` actions per window of `windowSeconds`. The window opens with the
 * subject's first action after the previous window ended (a window counter anchored on its first use, not on the
 * clock): a burst from an idle subject gets exactly `limit` actions, and a refusal's retry time is when the window
 * ends and the whole allowance is back (docs/decisions/008-rate-limits-and-blocks.md).
 */
export interface RateLimit {
  /** What is limited (`send`, `reaction`, …): part of the key, so limits never share a counter. */
  action: string;
  limit: number;
  windowSeconds: number;
}

/** The stored state of one subject's window: when it ends (epoch ms) and how many actions it has taken. */
export interface RateWindow {
  endsAt: number;
  used: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Takes one action of `subject` from its allowance under `limit` (one user: per-user keys, no shared hot key). */
export interface RateLimiter {
  take(limit: RateLimit, subject: string): Promise<RateDecision>;
}

/**
 * What to do with a window as last stored, at `now` (epoch ms): `open` a new window (none yet, or it ended),
 * `count` one more action in the open window, or refuse until it ends. Pure: the DynamoDB adapter turns `open`
 * and `count` into conditional writes whose conditions re-check exactly this against the stored item.
 */
export function rateStep(
  limit: RateLimit,
  window: RateWindow | undefined,
  now: number,
): { step: 'open' | 'count' } | { step: 'refuse'; retryAfterSeconds: number } {
  if (window === undefined || window.endsAt <= now) return { step: 'open' };
  if (window.used < limit.limit) return { step: 'count' };
  return { step: 'refuse', retryAfterSeconds: Math.max(1, Math.ceil((window.endsAt - now) / 1000)) };
}

/** Reads a limit from the environment's values: `{ action, limit, windowSeconds }` checked to be positive integers. */
export function rateLimit(action: string, limit: number, windowSeconds: number): RateLimit {
  if (!Number.isInteger(limit) || limit < 1 || !Number.isInteger(windowSeconds) || windowSeconds < 1) {
    throw new Error(`Rate limit ${action}: limit and window must be positive integers`);
  }
  return { action, limit, windowSeconds };
}

/**
 * Takes one action of `subject` under `limit`, or counts the refusal (metric `RateLimited`) and throws the
 * RateLimitedError (429 `RATE_LIMITED` with `Retry-After`; on the WebSocket an error frame with `retryAfter`)
 * built by `refusal`.
 */
export async function enforceRateLimit(
  limiter: RateLimiter,
  limit: RateLimit,
  subject: string,
  refusal: (retryAfterSeconds: number) => RateLimitedError = (seconds) => new RateLimitedError(seconds),
  recorder: Metrics = metrics,
): Promise<void> {
  const decision = await limiter.take(limit, subject);
  if (decision.allowed) return;
  countRateLimited(recorder);
  throw refusal(decision.retryAfterSeconds);
}

/**
 * The RateLimiter in memory, on the same rule (`rateStep`): for use-case tests and single-process tools, never for
 * functions (each sandbox would count on its own).
 */
export function inMemoryRateLimiter(now: () => number): RateLimiter {
  const windows = new Map<string, RateWindow>();
  return {
    take(limit, subject) {
      const key = `${limit.action}#${subject}`;
      const at = now();
      const decision = rateStep(limit, windows.get(key), at);
      if (decision.step === 'refuse') {
        return Promise.resolve({ allowed: false, retryAfterSeconds: decision.retryAfterSeconds });
      }
      const current = windows.get(key);
      windows.set(
        key,
        decision.step === 'open' || current === undefined
          ? { endsAt: at + limit.windowSeconds * 1000, used: 1 }
          : { endsAt: current.endsAt, used: current.used + 1 },
      );
      return Promise.resolve({ allowed: true });
    },
  };
}
