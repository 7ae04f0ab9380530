import {
  DeleteItemCommand,
  DescribeTableCommand,
  ScanCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';

/**
 * Deletes expired items the way DynamoDB's TTL does: it scans each table for items whose TTL attribute
 * (a Number, epoch seconds, at most five years old) is in the past and deletes them with a condition that
 * they are still expired, so an item refreshed in the meantime is kept. The delete reaches the table's
 * stream as a REMOVE with the OldImage. Unlike a real TTL delete it carries no
 * `userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' }`: a client cannot set that.
 *
 * Note: DynamoDB Local 1.25 has its own TTL job (contrary to common belief): for tables where
 * UpdateTimeToLive enabled TTL it deletes expired items within about a second, then pauses ~10 s after a
 * round that deleted something, and its REMOVE records do carry that userIdentity. This sweeper makes expiry
 * immediate and deterministic (sweepOnce) and also covers tables without TTL enabled. Both may race on an
 * item: the loser's delete is conditional, so the item is removed once and there is a single REMOVE.
 */

export interface TtlTable {
  tableName: string;
  /** The TTL attribute (TimeToLiveSpecification.AttributeName). */
  attribute: string;
}

export interface TtlSweeperOptions {
  client: DynamoDBClient;
  tables: readonly TtlTable[];
  /**
   * How often the sweeper looks for tables to sweep: a table is swept when it was written since its last sweep
   * (`touched`) or when its earliest TTL seen in that sweep has come; a table nobody writes whose items expire
   * later is not scanned meanwhile. Expiry is thus at most one interval late, as before.
   */
  intervalMs: number;
  /** A table untouched and with nothing due is still swept this often (default 5 min). */
  maxQuietMs?: number;
  /** Current time in epoch milliseconds. Default Date.now. */
  now?: () => number;
  /** Sweep failures (the sweeper keeps going). Default console.error. */
  onError?: (message: string, error?: unknown) => void;
}

export interface TtlSweeper {
  /** Stops sweeping; resolves after a sweep in progress has finished. */
  stop(): Promise<void>;
  /** Sweeps every table now; resolves with the number of items deleted. */
  sweepOnce(): Promise<number>;
  /** These tables were written: sweep them at the next interval ('all': every table). */
  touched(tableNames: readonly string[] | 'all'): void;
}

/** What one sweep of a table found: items deleted, and the earliest TTL still to come (epoch ms), if any. */
interface SweepResult {
  deleted: number;
  nextExpiryMs: number | undefined;
}

/** DynamoDB ignores TTL values more than five years in the past; so does the sweeper. */
export const TTL_MAX_AGE_SECONDS = 5 * 365 * 24 * 60 * 60;

/** The condition (used both to find and to delete) that the item's TTL attribute says it has expired. */
export function expiredCondition(
  attribute: string,
  nowMs: number,
): {
  expression: string;
  names: Record<string, string>;
  values: Record<string, AttributeValue>;
} {
  const nowSeconds = Math.floor(nowMs / 1000);
  return {
    expression: '#ttl < :now AND #ttl >= :oldest',
    names: { '#ttl': attribute },
    values: { ':now': { N: String(nowSeconds) }, ':oldest': { N: String(nowSeconds - TTL_MAX_AGE_SECONDS) } },
  };
}

async function keyAttributesOf(client: DynamoDBClient, tableName: string): Promise<string[]> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  const names = (Table?.KeySchema ?? [])
    .map((key) => key.AttributeName)
    .filter((name): name is string => !!name);
  if (names.length === 0) throw new Error(`Table ${tableName} has no key schema`);
  return names;
}

async function sweepTable(
  client: DynamoDBClient,
  table: TtlTable,
  nowMs: number,
  keys: string[],
): Promise<SweepResult> {
  const condition = expiredCondition(table.attribute, nowMs);
  const names = condition.names;
  const keyNames = Object.fromEntries(keys.map((key, index) => [`#k${index}`, key]));
  const nowSeconds = Math.floor(nowMs / 1000);
  let deleted = 0;
  let nextExpiry: number | undefined;
  let exclusiveStartKey: Record<string, AttributeValue> | undefined;
  do {
    // Every item with a TTL in range (not only the expired ones), so the sweep also learns the next expiry.
    const page = await client.send(
      new ScanCommand({
        TableName: table.tableName,
        FilterExpression: '#ttl >= :oldest',
        ProjectionExpression: ['#ttl', ...Object.keys(keyNames)].join(', '),
        ExpressionAttributeNames: { ...names, ...keyNames },
        ExpressionAttributeValues: { ':oldest': condition.values[':oldest'] as AttributeValue },
        ConsistentRead: true,
        ExclusiveStartKey: exclusiveStartKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const expiresAt = Number(item[table.attribute]?.N);
      const key = Object.fromEntries(keys.map((name) => [name, item[name] as AttributeValue]));
      if (!Number.isFinite(expiresAt)) continue;
      if (expiresAt >= nowSeconds) {
        nextExpiry = nextExpiry === undefined ? expiresAt : Math.min(nextExpiry, expiresAt);
        continue;
      }
      try {
        await client.send(
          new DeleteItemCommand({
            TableName: table.tableName,
            Key: key,
            ConditionExpression: condition.expression,
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: condition.values,
          }),
        );
        deleted += 1;
      } catch (error) {
        // Refreshed (or deleted) since the scan: not expired any more, keep it.
        if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
      }
    }
    exclusiveStartKey = page.LastEvaluatedKey;
  } while (exclusiveStartKey);
  // An item expires once its TTL is in the past: the second after it.
  return { deleted, nextExpiryMs: nextExpiry === undefined ? undefined : (nextExpiry + 1) * 1000 };
}

/**
 * Starts sweeping expired items: every `intervalMs` (the first time after one interval) it sweeps the tables that
 * are due (written since their last sweep, or their earliest TTL has come), so an idle stack scans nothing.
 */
export function startTtlSweeper(options: TtlSweeperOptions): TtlSweeper {
  const now = options.now ?? Date.now;
  const onError = options.onError ?? ((message, error) => console.error(message, error ?? ''));
  const keyCache = new Map<string, Promise<string[]>>();
  let running: Promise<number> | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const keysOf = (tableName: string): Promise<string[]> => {
    let keys = keyCache.get(tableName);
    if (!keys) {
      keys = keyAttributesOf(options.client, tableName);
      keys.catch(() => keyCache.delete(tableName));
      keyCache.set(tableName, keys);
    }
    return keys;
  };

  const maxQuietMs = options.maxQuietMs ?? 5 * 60_000;
  /** When each table is next due: written since its sweep (0), its next expiry, or maxQuietMs after it. */
  const dueAt = new Map<string, number>(options.tables.map((table) => [table.tableName, 0]));

  const sweep = async (which: (table: TtlTable) => boolean): Promise<number> => {
    let total = 0;
    for (const table of options.tables) {
      if (!which(table)) continue;
      const startedAt = now();
      // Marked before the scan: a write during the scan makes the table due again.
      dueAt.set(table.tableName, startedAt + maxQuietMs);
      let result: SweepResult;
      try {
        result = await sweepTable(options.client, table, startedAt, await keysOf(table.tableName));
      } catch (error) {
        dueAt.set(table.tableName, 0);
        throw error;
      }
      total += result.deleted;
      const due = dueAt.get(table.tableName) ?? 0;
      if (result.nextExpiryMs !== undefined) dueAt.set(table.tableName, Math.min(due, result.nextExpiryMs));
    }
    return total;
  };
  const sweepAll = () => sweep(() => true);
  const sweepDue = () => sweep((table) => (dueAt.get(table.tableName) ?? 0) <= now());

  const queue = (run: () => Promise<number>): Promise<number> => {
    // One sweep at a time: a caller arriving during a sweep waits for it, then runs its own.
    const previous = running ?? Promise.resolve(0);
    const next = previous.catch(() => 0).then(run);
    running = next;
    void next
      .finally(() => {
        if (running === next) running = undefined;
      })
      .catch(() => undefined);
    return next;
  };
  const sweepOnce = () => queue(sweepAll);

  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      queue(sweepDue)
        .catch((error: unknown) => onError('TTL sweeper: a sweep failed', error))
        .finally(schedule);
    }, options.intervalMs);
  };
  schedule();

  return {
    sweepOnce,
    touched(tableNames) {
      const names = tableNames === 'all' ? [...dueAt.keys()] : tableNames.filter((name) => dueAt.has(name));
      for (const name of names) dueAt.set(name, 0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}
