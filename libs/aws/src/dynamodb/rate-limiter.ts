import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { rateStep, type RateLimit, type RateLimiter, type RateWindow } from '@chat/runtime';
import { conditionFailureItem, isConditionalCheckFailed } from './errors';
import { RATE_LIMIT_KEY, RATE_LIMIT_TTL_ATTRIBUTE } from './rate-limit-table';

/** A window's item outlives its end by this much before TTL may delete it (it is never read after its end). */
const EXPIRY_MARGIN_SECONDS = 60;
/** Conditional writes tried per check before giving up (each failure re-reads the state it lost to). */
const MAX_ATTEMPTS = 4;
/** Windows remembered per sandbox (the hint below); past this the memory is cleared. */
const MAX_HINTS = 10_000;

type Client = Pick<DynamoDBDocumentClient, 'send'>;

function windowOf(item: Record<string, unknown> | undefined): RateWindow | undefined {
  if (item === undefined) return undefined;
  const { endsAt, used } = item;
  return typeof endsAt === 'number' && typeof used === 'number' ? { endsAt, used } : undefined;
}

/**
 * The RateLimiter on a DynamoDB table of the owning service (key `limitKey`, TTL `expiresAt`): one item per
 * action and subject (a user, or a user and a room), so one user's flood only ever writes that user's item.
 *
 * A check is ONE conditional UpdateItem in the steady state: `count` (`SET used = used + 1` if the window is open
 * and not full) or `open` (`SET endsAt, used = 1` if there is no window or it ended). Which one is tried first
 * follows what this sandbox last saw of the item; a refused condition returns the stored item with the refusal
 * (`ALL_OLD`), so a wrong guess costs one more write, never a read. A window this sandbox saw full is refused
 * without a call until it ends (counts only grow within a window). No read-modify-write: both writes re-check
 * the stored state in their conditions, so concurrent checks from any number of sandboxes never over-admit.
 */
export function dynamoRateLimiter(client: Client, tableName: string): RateLimiter {
  const hints = new Map<string, RateWindow>();

  const remember = (key: string, window: RateWindow | undefined) => {
    if (window === undefined) return;
    if (hints.size >= MAX_HINTS) hints.clear();
    hints.set(key, window);
  };

  async function write(
    key: string,
    step: 'open' | 'count',
    limit: RateLimit,
    now: number,
  ): Promise<{ applied: true; window: RateWindow } | { applied: false; stored: RateWindow | undefined }> {
    const endsAt = now + limit.windowSeconds * 1000;
    const input =
      step === 'open'
        ? {
            UpdateExpression: `SET endsAt = :endsAt, used = :one, ${RATE_LIMIT_TTL_ATTRIBUTE} = :expiresAt`,
            ConditionExpression: 'attribute_not_exists(endsAt) OR endsAt <= :now',
            ExpressionAttributeValues: {
              ':endsAt': endsAt,
              ':one': 1,
              ':now': now,
              ':expiresAt': Math.ceil(endsAt / 1000) + EXPIRY_MARGIN_SECONDS,
            },
          }
        : {
            UpdateExpression: 'SET used = used + :one',
            ConditionExpression: 'endsAt > :now AND used < :limit',
            ExpressionAttributeValues: { ':one': 1, ':now': now, ':limit': limit.limit },
          };
    try {
      const { Attributes } = await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { [RATE_LIMIT_KEY]: key },
          ...input,
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { applied: true, window: windowOf(Attributes) ?? { endsAt, used: 1 } };
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      return { applied: false, stored: windowOf(conditionFailureItem(error)) };
    }
  }

  return {
    async take(limit, subject) {
      const key = `${limit.action}#${subject}`;
      let known = hints.get(key);
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
        const now = Date.now();
        const decision = rateStep(limit, known, now);
        if (decision.step === 'refuse') {
          return { allowed: false, retryAfterSeconds: decision.retryAfterSeconds };
        }
        const outcome = await write(key, decision.step, limit, now);
        if (outcome.applied) {
          remember(key, outcome.window);
          return { allowed: true };
        }
        // Refused: the stored window decides the next step (a stored full window refuses without another call).
        known =
          outcome.stored ??
          (decision.step === 'count' ? undefined : { endsAt: Number.MAX_SAFE_INTEGER, used: 0 });
        remember(key, outcome.stored);
      }
      throw new Error(
        `Rate limiter ${limit.action}: no conditional write held after ${MAX_ATTEMPTS} attempts`,
      );
    },
  };
}
