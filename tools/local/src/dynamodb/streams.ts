import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type DynamoDBStreamsClient,
  type _Record as StreamsRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { Invoke } from '../cloud/types';
import { decideAfterInvoke, type BatchPolicy, type InvokeOutcome, type PendingBatch } from './batch-policy';
import {
  pruneCheckpoint,
  shardsReadyToStart,
  shardStart,
  type ShardInfo,
  type ShardStart,
  type StartingPosition,
} from './shard-plan';
import {
  CheckpointWriter,
  compareSequenceNumbers,
  loadCheckpoint,
  type StreamCheckpoint,
} from './stream-checkpoint';
import { matchesPattern, validatePattern, type EventPattern } from '../cloud/eventbridge/pattern';
import { sequenceNumberOf, toLambdaEvent, toLambdaRecord } from './stream-event';

export interface StreamMappingOptions {
  streamsClient: DynamoDBStreamsClient;
  streamArn: string;
  /** Qualified function name passed to `invoke` (`<service>.<functionKey>`). */
  functionName: string;
  invoke: Invoke;
  /** At most this many records per invocation (1–10000). Default 100. */
  batchSize?: number;
  /** Wait up to this long to fill a batch before invoking. Default 0. */
  maximumBatchingWindowMs?: number;
  /** Retries of a failing batch before it is discarded; -1 (default, as Lambda) retries forever. */
  maximumRetryAttempts?: number;
  bisectBatchOnFunctionError?: boolean;
  /** Read `{ batchItemFailures }` from the function's response. Default false. */
  reportBatchItemFailures?: boolean;
  /**
   * Lambda's event filtering (FilterCriteria): a record is delivered only when it matches one of these
   * patterns (EventBridge pattern syntax, matched against the record as Lambda delivers it); the others are
   * dropped without an invocation, and checkpointed as processed. None: every record is delivered.
   */
  filterPatterns?: readonly EventPattern[];
  /** Where a mapping without checkpoints starts. */
  startingPosition: StartingPosition;
  /** JSON file holding this mapping's checkpoints (one file per mapping); none: progress is not kept. */
  checkpointFile?: string;
  /** Pause between polls of a shard that had nothing new, while records came lately. Default 50 ms. */
  pollIntervalMs?: number;
  /**
   * After idleAfterMs with nothing new (default 1 s), the pause doubles every idleAfterMs up to this (idle, the
   * poller rests); records, or a `wake()`, bring it back to pollIntervalMs. Default 2000 ms.
   */
  idlePollIntervalMs?: number;
  idleAfterMs?: number;
  /** First retry delay, doubling per attempt up to retryMaxDelayMs. Defaults 100 ms and 5 s. */
  retryBaseDelayMs?: number;
  retryMaxDelayMs?: number;
  /** How often the shard list is refreshed besides when a shard ends. Default 5 s. */
  shardRefreshIntervalMs?: number;
  /** awsRegion of the delivered records. Default us-east-1. */
  awsRegion?: string;
  /** Function errors, discarded batches and polling problems. Default: console.error. */
  onError?: (message: string, error?: unknown) => void;
}

export interface StreamMapping {
  /** Lets an in-flight invocation finish (no further retry), then stops polling. */
  stop(): Promise<void>;
  /** Resolves once every record the stream held when idle() was called has been processed (or discarded). */
  idle(): Promise<void>;
  /** Something was written to the table: poll now, and keep polling at the busy pace for a while. */
  wake(): void;
}

interface ShardState {
  info: ShardInfo;
  /** Epoch of the latest poll that found nothing new and nothing pending (see idle()). */
  caughtUpEpoch: number;
  finished: boolean;
}

type ResumePosition = Extract<ShardStart, { type: 'AFTER_SEQUENCE_NUMBER' | 'TRIM_HORIZON' }>;

const GET_RECORDS_LIMIT = 1000;
/** How long a mapping polls at the busy pace after the last record or wake-up (default of idleAfterMs). */
const IDLE_AFTER_MS = 1_000;
/** Lambda's quota of filters per event source mapping (adjustable up to 10 on AWS). */
const MAX_FILTERS = 5;
const ERROR_BACKOFF_MS = 1000;

function errorName(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

class StreamMappingRunner implements StreamMapping {
  private readonly shards = new Map<string, ShardState>();
  private readonly workers = new Set<Promise<void>>();
  private readonly sleepers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  /** The shard readers' pauses between polls: a wake() cuts them short (not the retry and error back-offs). */
  private readonly pollSleepers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  private lastActivityAt = Date.now();
  private readonly idleWaiters: Array<{ epoch: number; resolve: () => void }> = [];
  private readonly writer: CheckpointWriter | undefined;
  private readonly policy: BatchPolicy;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly onError: (message: string, error?: unknown) => void;
  private checkpoint: StreamCheckpoint;
  private epoch = 0;
  private finishing = 0;
  private stopping = false;
  /** Set once the initial shards are started: shards found later are new, read from their beginning. */
  private started = false;
  private refreshing: Promise<void> | undefined;
  private refreshLoop: Promise<void> | undefined;
  private stopped: Promise<void> | undefined;
  /** Shards started at LATEST that are still skipping what they held at start. */
  private readonly positioning = new Set<Promise<void>>();

  constructor(
    private readonly options: StreamMappingOptions,
    private readonly resumed: StreamCheckpoint | undefined,
  ) {
    this.checkpoint = resumed ?? { streamArn: options.streamArn, shards: {} };
    this.writer = options.checkpointFile ? new CheckpointWriter(options.checkpointFile) : undefined;
    this.batchSize = options.batchSize ?? 100;
    this.pollIntervalMs = options.pollIntervalMs ?? 50;
    this.onError = options.onError ?? ((message, error) => console.error(message, error ?? ''));
    this.policy = {
      maximumRetryAttempts: options.maximumRetryAttempts ?? -1,
      bisectBatchOnFunctionError: options.bisectBatchOnFunctionError ?? false,
      reportBatchItemFailures: options.reportBatchItemFailures ?? false,
      retryBaseDelayMs: options.retryBaseDelayMs ?? 100,
      retryMaxDelayMs: options.retryMaxDelayMs ?? 5_000,
    };
  }

  async start(): Promise<void> {
    await this.refreshShards();
    await Promise.all([...this.positioning]);
    this.started = true;
    await this.saveCheckpoint();
    const interval = this.options.shardRefreshIntervalMs ?? 5_000;
    this.refreshLoop = (async () => {
      let failing = false;
      while (!this.stopping) {
        await this.sleep(interval);
        if (this.stopping) break;
        try {
          await this.refreshShards();
          failing = false;
        } catch (error) {
          // Said once per outage: the shard readers say when they read again.
          if (!failing)
            this.onError(`stream mapping ${this.label()}: cannot list the stream's shards`, error);
          failing = true;
        }
      }
    })();
  }

  stop(): Promise<void> {
    this.stopped ??= (async () => {
      this.stopping = true;
      for (const sleeper of this.sleepers) {
        clearTimeout(sleeper.timer);
        sleeper.resolve();
      }
      this.sleepers.clear();
      await this.refreshLoop;
      await this.refreshing?.catch(() => undefined);
      while (this.workers.size > 0) await Promise.all([...this.workers]);
      await this.writer?.flush();
      this.checkIdle();
    })();
    return this.stopped;
  }

  async idle(): Promise<void> {
    const epoch = ++this.epoch;
    if (this.stopping) return;
    await this.refreshShards();
    return new Promise((resolve) => {
      this.idleWaiters.push({ epoch, resolve });
      this.checkIdle();
      // Resting shard readers look now rather than at their next idle poll.
      this.wake();
    });
  }

  private label(): string {
    return `${this.options.functionName} <- ${this.options.streamArn}`;
  }

  private checkIdle(): void {
    for (let index = this.idleWaiters.length - 1; index >= 0; index -= 1) {
      const waiter = this.idleWaiters[index];
      if (!waiter) continue;
      const done =
        this.stopping ||
        (this.finishing === 0 &&
          [...this.shards.values()].every((shard) => shard.finished || shard.caughtUpEpoch >= waiter.epoch));
      if (done) {
        this.idleWaiters.splice(index, 1);
        waiter.resolve();
      }
    }
  }

  wake(): void {
    this.lastActivityAt = Date.now();
    for (const sleeper of this.pollSleepers) {
      clearTimeout(sleeper.timer);
      this.pollSleepers.delete(sleeper);
      this.sleepers.delete(sleeper);
      sleeper.resolve();
    }
  }

  /** The pause before the next poll of a caught-up shard: busy pace for a second after activity, then doubling. */
  private pollPause(): number {
    const busy = this.pollIntervalMs;
    const idleAfter = this.options.idleAfterMs ?? IDLE_AFTER_MS;
    const quietMs = Date.now() - this.lastActivityAt;
    if (quietMs < idleAfter) return busy;
    const idleMax = this.options.idlePollIntervalMs ?? 2_000;
    const doublings = Math.min(30, Math.floor(quietMs / idleAfter));
    return Math.min(idleMax, busy * 2 ** doublings);
  }

  private pollSleep(): Promise<void> {
    return this.sleep(this.pollPause(), this.pollSleepers);
  }

  private sleep(ms: number, also?: Set<{ timer: NodeJS.Timeout; resolve: () => void }>): Promise<void> {
    if (this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const sleeper = {
        timer: setTimeout(() => {
          this.sleepers.delete(sleeper);
          also?.delete(sleeper);
          resolve();
        }, ms),
        resolve,
      };
      this.sleepers.add(sleeper);
      also?.add(sleeper);
    });
  }

  private async saveCheckpoint(): Promise<void> {
    if (!this.writer) return;
    try {
      await this.writer.save(this.checkpoint);
    } catch (error) {
      this.onError(`stream mapping ${this.label()}: cannot write checkpoint file ${this.writer.file}`, error);
    }
  }

  private async commit(
    shardId: string,
    update: { sequenceNumber?: string; finished?: boolean },
  ): Promise<void> {
    const current = this.checkpoint.shards[shardId] ?? {};
    this.checkpoint = {
      ...this.checkpoint,
      shards: { ...this.checkpoint.shards, [shardId]: { ...current, ...update } },
    };
    await this.saveCheckpoint();
  }

  private async describeShards(): Promise<ShardInfo[]> {
    const shards: ShardInfo[] = [];
    let exclusiveStartShardId: string | undefined;
    do {
      const { StreamDescription } = await this.options.streamsClient.send(
        new DescribeStreamCommand({
          StreamArn: this.options.streamArn,
          ExclusiveStartShardId: exclusiveStartShardId,
        }),
      );
      for (const shard of StreamDescription?.Shards ?? []) {
        if (!shard.ShardId) continue;
        shards.push({
          shardId: shard.ShardId,
          ...(shard.ParentShardId ? { parentShardId: shard.ParentShardId } : {}),
          closed: shard.SequenceNumberRange?.EndingSequenceNumber !== undefined,
        });
      }
      exclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStartShardId);
    return shards;
  }

  /** Lists the shards and starts those that may start; concurrent calls share one refresh. */
  private refreshShards(): Promise<void> {
    if (this.refreshing) return this.refreshing.catch(() => undefined).then(() => this.refreshShards());
    this.refreshing = (async () => {
      const listed = await this.describeShards();
      for (const info of listed) {
        const known = this.shards.get(info.shardId);
        if (known) known.info = info;
      }
      const started = new Set(this.shards.keys());
      const finished = new Set(
        [...this.shards.values()].filter((shard) => shard.finished).map((s) => s.info.shardId),
      );
      for (const info of shardsReadyToStart(listed, started, finished)) {
        if (this.stopping) break;
        this.startShard(info);
      }
      const pruned = pruneCheckpoint(this.checkpoint, listed);
      if (Object.keys(pruned.shards).length !== Object.keys(this.checkpoint.shards).length) {
        this.checkpoint = pruned;
        await this.saveCheckpoint();
      }
    })().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private startShard(info: ShardInfo): void {
    const state: ShardState = { info, caughtUpEpoch: -1, finished: false };
    this.shards.set(info.shardId, state);
    const start = shardStart(
      info,
      this.started ? this.checkpoint : this.resumed,
      this.options.startingPosition,
    );
    let resolvePositioned: () => void = () => undefined;
    if (start.type === 'LATEST')
      this.positioning.add(new Promise<void>((resolve) => (resolvePositioned = resolve)));
    let isPositioned = start.type !== 'LATEST';
    const positioned = (): void => {
      isPositioned = true;
      resolvePositioned();
    };
    const worker = (async () => {
      for (
        let from = start;
        !this.stopping;
        from = isPositioned ? this.resumePosition(info.shardId) : start
      ) {
        try {
          await this.runShard(state, from, positioned);
          return;
        } catch (error) {
          // Unexpected (a malformed record...): log, then resume from the checkpoint after a pause.
          this.onError(`stream mapping ${this.label()}: shard ${info.shardId} failed; resuming`, error);
          await this.sleep(ERROR_BACKOFF_MS);
        }
      }
    })().finally(() => {
      positioned();
      this.workers.delete(worker);
    });
    this.workers.add(worker);
  }

  private async iteratorAt(shardId: string, position: ResumePosition): Promise<string | undefined> {
    const { ShardIterator } = await this.options.streamsClient.send(
      new GetShardIteratorCommand({
        StreamArn: this.options.streamArn,
        ShardId: shardId,
        ShardIteratorType: position.type,
        ...(position.type === 'AFTER_SEQUENCE_NUMBER' ? { SequenceNumber: position.sequenceNumber } : {}),
      }),
    );
    return ShardIterator;
  }

  /**
   * Where to read a shard from: right after its checkpoint, or its beginning. This is where `shardStart` points
   * to at first (LATEST reads from the beginning too, skipping what is there, so that its position gets
   * checkpointed), and after an expired iterator it re-reads what had been fetched but not processed.
   */
  private resumePosition(shardId: string): ResumePosition {
    const sequenceNumber = this.checkpoint.shards[shardId]?.sequenceNumber;
    return sequenceNumber ? { type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber } : { type: 'TRIM_HORIZON' };
  }

  private async runShard(state: ShardState, start: ShardStart, positioned: () => void): Promise<void> {
    const shardId = state.info.shardId;
    if (start.type === 'FINISHED') {
      await this.finishShard(state);
      return;
    }
    const windowMs = this.options.maximumBatchingWindowMs ?? 0;
    let skipping = start.type === 'LATEST';
    let iterator: string | undefined;
    let needIterator = true;
    let buffer: StreamsRecord[] = [];
    let windowStartedAt: number | undefined;
    let failingSince: number | undefined;

    while (!this.stopping) {
      const pollEpoch = this.epoch;
      try {
        if (needIterator) {
          iterator = await this.iteratorAt(shardId, this.resumePosition(shardId));
          needIterator = false;
          buffer = [];
        }
        if (iterator !== undefined && buffer.length < this.batchSize) {
          const response = await this.options.streamsClient.send(
            new GetRecordsCommand({ ShardIterator: iterator, Limit: GET_RECORDS_LIMIT }),
          );
          iterator = response.NextShardIterator;
          const done = this.checkpoint.shards[shardId]?.sequenceNumber;
          const fresh = (response.Records ?? []).filter(
            (record) => done === undefined || compareSequenceNumbers(sequenceNumberOf(record), done) > 0,
          );
          if (skipping) {
            // LATEST: what the shard holds at start is checkpointed without being delivered.
            const last = fresh[fresh.length - 1];
            if (last) await this.commit(shardId, { sequenceNumber: sequenceNumberOf(last) });
            if (fresh.length === 0 || iterator === undefined) {
              skipping = false;
              positioned();
            }
            if (iterator !== undefined) continue;
          } else {
            const kept = fresh.filter((record) => this.passesFilters(record));
            const last = fresh[fresh.length - 1];
            // Nothing pending before them: the dropped records are done, so a restart does not read them again.
            if (kept.length === 0 && buffer.length === 0 && last) {
              await this.commit(shardId, { sequenceNumber: sequenceNumberOf(last) });
            }
            buffer.push(...kept);
            if (fresh.length > 0) this.lastActivityAt = Date.now();
          }
        }
      } catch (error) {
        const name = errorName(error);
        if (name === 'TrimmedDataAccessException') {
          this.onError(
            `stream mapping ${this.label()}: shard ${shardId} was trimmed; reading from its oldest record`,
          );
          await this.commit(shardId, { sequenceNumber: undefined });
          needIterator = true;
        } else if (name === 'ExpiredIteratorException') {
          needIterator = true;
        } else {
          // DynamoDB Local unreachable or restarted (its iterators are then unknown): said once, then read
          // again from the checkpoint once it answers, which loses nothing and repeats only what was unprocessed.
          if (failingSince === undefined) {
            failingSince = Date.now();
            this.onError(
              `stream mapping ${this.label()}: cannot read shard ${shardId}; retrying every ${ERROR_BACKOFF_MS} ms`,
              error,
            );
          }
          needIterator = true;
          await this.sleep(ERROR_BACKOFF_MS);
        }
        continue;
      }
      if (failingSince !== undefined) {
        this.onError(
          `stream mapping ${this.label()}: shard ${shardId} readable again after ${Date.now() - failingSince} ms`,
        );
        failingSince = undefined;
      }

      if (buffer.length === 0) {
        if (iterator === undefined) {
          await this.finishShard(state);
          return;
        }
        state.caughtUpEpoch = pollEpoch;
        this.checkIdle();
        await this.pollSleep();
        continue;
      }
      if (windowMs > 0 && buffer.length < this.batchSize && iterator !== undefined) {
        windowStartedAt ??= Date.now();
        const remaining = windowStartedAt + windowMs - Date.now();
        if (remaining > 0) {
          await this.sleep(Math.min(this.pollIntervalMs, remaining));
          continue;
        }
      }
      windowStartedAt = undefined;
      const batch = buffer.splice(0, this.batchSize);
      if (!(await this.processBatch(shardId, batch))) return;
    }
  }

  private async finishShard(state: ShardState): Promise<void> {
    // Until its children are listed and started, idle() must not count this shard as done.
    this.finishing += 1;
    try {
      await this.commit(state.info.shardId, { finished: true });
      state.finished = true;
      if (!this.stopping) {
        await this.refreshShards().catch((error: unknown) =>
          this.onError(`stream mapping ${this.label()}: cannot list the stream's shards`, error),
        );
      }
    } finally {
      this.finishing -= 1;
      this.checkIdle();
    }
  }

  private passesFilters(record: StreamsRecord): boolean {
    const patterns = this.options.filterPatterns;
    if (!patterns || patterns.length === 0) return true;
    const delivered = toLambdaRecord(record, this.recordContext());
    return patterns.some((pattern) => matchesPattern(pattern, delivered));
  }

  private recordContext() {
    return { streamArn: this.options.streamArn, awsRegion: this.options.awsRegion ?? 'us-east-1' };
  }

  private async invoke(records: readonly StreamsRecord[]): Promise<InvokeOutcome> {
    const event = toLambdaEvent(records, this.recordContext());
    try {
      return { ok: true, response: await this.options.invoke(this.options.functionName, event) };
    } catch (error) {
      return { ok: false, error };
    }
  }

  /** Invokes the function with one batch until it is done (processed or discarded); false when stopped first. */
  private async processBatch(shardId: string, records: StreamsRecord[]): Promise<boolean> {
    const queue: PendingBatch<StreamsRecord>[] = [{ records, attempt: 0 }];
    for (let current = queue[0]; current; current = queue[0]) {
      const outcome = await this.invoke(current.records);
      const decision = decideAfterInvoke(current, outcome, this.policy, sequenceNumberOf);
      if (decision.failure) {
        const retries = this.policy.maximumRetryAttempts < 0 ? 'unlimited' : this.policy.maximumRetryAttempts;
        this.onError(
          `stream mapping ${this.label()}: batch of ${current.records.length} from shard ${shardId} failed ` +
            `(retry ${current.attempt} of ${retries}): ${decision.failure}`,
          outcome.ok ? undefined : outcome.error,
        );
      }
      if (decision.discarded.length > 0) {
        const first = decision.discarded[0];
        const last = decision.discarded[decision.discarded.length - 1];
        this.onError(
          `stream mapping ${this.label()}: discarded ${decision.discarded.length} record(s) of shard ${shardId} ` +
            `(sequence numbers ${first && sequenceNumberOf(first)}..${last && sequenceNumberOf(last)}) after ` +
            `${current.attempt} retries`,
        );
      }
      if (decision.checkpoint) await this.commit(shardId, { sequenceNumber: decision.checkpoint });
      queue.splice(0, 1, ...decision.next);
      if (queue.length === 0) return true;
      if (this.stopping) return false;
      if (decision.delayMs > 0) await this.sleep(decision.delayMs);
      if (this.stopping) return false;
    }
    return true;
  }
}

/**
 * Runs a DynamoDB Streams event source mapping against DynamoDB Local, with Lambda's semantics: records of
 * a shard are delivered in order, one batch in flight per shard (child shards after their parent), in
 * batches of at most batchSize, retried on error (see batch-policy.ts), checkpointed per shard in
 * checkpointFile so that a restart neither loses nor replays records. Resolves once it is polling (and, for
 * LATEST, positioned after what the stream held at start); rejects when the stream cannot be read.
 */
export async function startStreamMapping(options: StreamMappingOptions): Promise<StreamMapping> {
  const batchSize = options.batchSize ?? 100;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
    throw new Error(`stream mapping ${options.functionName}: batchSize must be an integer from 1 to 10000`);
  }
  const retries = options.maximumRetryAttempts ?? -1;
  if (!Number.isInteger(retries) || retries < -1) {
    throw new Error(`stream mapping ${options.functionName}: maximumRetryAttempts must be -1 or more`);
  }
  const filters = options.filterPatterns ?? [];
  if (filters.length > MAX_FILTERS) {
    throw new Error(`stream mapping ${options.functionName}: at most ${MAX_FILTERS} filter patterns`);
  }
  for (const [index, pattern] of filters.entries()) {
    const problems = validatePattern(pattern);
    if (problems.length > 0) {
      throw new Error(
        `stream mapping ${options.functionName}: filter pattern ${index} is invalid: ${problems.join('; ')}`,
      );
    }
  }
  let resumed = options.checkpointFile ? await loadCheckpoint(options.checkpointFile) : undefined;
  if (resumed && resumed.streamArn !== options.streamArn) {
    (options.onError ?? console.error)(
      `stream mapping ${options.functionName}: checkpoint file ${options.checkpointFile} is for ${resumed.streamArn}, ` +
        `not ${options.streamArn} (table recreated?); starting at ${options.startingPosition}`,
    );
    resumed = undefined;
  }
  const runner = new StreamMappingRunner(options, resumed);
  try {
    await runner.start();
  } catch (error) {
    await runner.stop();
    throw new Error(
      `Cannot start the stream mapping of ${options.functionName} on ${options.streamArn}: ${describe(error)}`,
      { cause: error },
    );
  }
  return { stop: () => runner.stop(), idle: () => runner.idle(), wake: () => runner.wake() };
}
