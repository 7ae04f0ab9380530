import { enforceRateLimit } from '@chat/runtime';
import { TooManyRequestsError } from '../domain/errors';
import type { MessagingLimits } from './ports';

const WHAT = { send: 'messages', reaction: 'reactions', attachment: 'attachment uploads' } as const;

/** Takes one action of the user under its limit, or throws TooManyRequestsError (429 with Retry-After). */
export function requireAllowance(
  limits: MessagingLimits,
  action: keyof typeof WHAT,
  userId: string,
): Promise<void> {
  return enforceRateLimit(
    limits.limiter,
    limits[action],
    userId,
    (seconds) => new TooManyRequestsError(WHAT[action], seconds),
  );
}
