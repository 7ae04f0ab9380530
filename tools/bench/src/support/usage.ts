import { USAGE_PATH, usageDelta, type UsageSnapshot } from '@chat/local';
import { sleep } from './concurrency';

/** The local stack's usage counters now (`GET /_local/usage`). */
export async function readUsage(httpEndpoint: string): Promise<UsageSnapshot> {
  const response = await fetch(`${httpEndpoint}${USAGE_PATH}`);
  if (!response.ok) throw new Error(`GET ${USAGE_PATH} answered ${response.status}`);
  return (await response.json()) as UsageSnapshot;
}

/**
 * Waits until the stack is quiet (no invocation and no DynamoDB call for `quietMs`, at most `timeoutMs`) and
 * returns what was counted since `before`: the work a scenario set off, its stream consumers and event
 * deliveries included. `settled` is false when it never went quiet.
 */
export async function usageSince(
  httpEndpoint: string,
  before: UsageSnapshot,
  { quietMs = 2000, timeoutMs = 120_000, intervalMs = 250 } = {},
): Promise<{ usage: UsageSnapshot; settled: boolean }> {
  const deadline = Date.now() + timeoutMs;
  const signature = (u: UsageSnapshot) => `${u.invocations.total.count}/${u.dynamodb.total.calls}`;
  let last = await readUsage(httpEndpoint);
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    await sleep(intervalMs);
    const now = await readUsage(httpEndpoint);
    if (signature(now) !== signature(last)) quietSince = Date.now();
    last = now;
    if (Date.now() - quietSince >= quietMs) return { usage: usageDelta(before, last), settled: true };
  }
  return { usage: usageDelta(before, last), settled: false };
}
