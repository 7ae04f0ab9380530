import type { StreamCheckpoint } from './stream-checkpoint';

/**
 * Pure shard bookkeeping of a stream event source mapping: where each shard starts and when a child shard
 * may start (only after its parent was read to its end, which keeps per-key ordering across shard splits).
 */

export interface ShardInfo {
  shardId: string;
  parentShardId?: string;
  /** The shard has an ending sequence number: no record will be added to it. */
  closed: boolean;
}

export type StartingPosition = 'TRIM_HORIZON' | 'LATEST';

export type ShardStart =
  | { type: 'AFTER_SEQUENCE_NUMBER'; sequenceNumber: string }
  | { type: 'TRIM_HORIZON' }
  /** Skip what the shard holds now, deliver what comes after. */
  | { type: 'LATEST' }
  /** Nothing left to read in this shard. */
  | { type: 'FINISHED' };

/**
 * Where a shard starts reading.
 * - With a checkpoint for this stream (a restart): after its checkpointed sequence number, or, for a shard
 *   with no checkpointed record (new since, or nothing processed yet), from its beginning, so nothing is lost.
 * - Without one (first start): TRIM_HORIZON reads every shard from its beginning; LATEST skips closed shards
 *   and what open shards hold now.
 */
export function shardStart(
  shard: ShardInfo,
  checkpoint: StreamCheckpoint | undefined,
  startingPosition: StartingPosition,
): ShardStart {
  if (checkpoint) {
    const entry = checkpoint.shards[shard.shardId];
    if (entry?.finished) return { type: 'FINISHED' };
    if (entry?.sequenceNumber) return { type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: entry.sequenceNumber };
    return { type: 'TRIM_HORIZON' };
  }
  if (startingPosition === 'TRIM_HORIZON') return { type: 'TRIM_HORIZON' };
  return shard.closed ? { type: 'FINISHED' } : { type: 'LATEST' };
}

/**
 * Shards that may start now: not started yet, and whose parent is finished or unknown (no longer listed
 * in the stream, or never seen).
 */
export function shardsReadyToStart(
  shards: readonly ShardInfo[],
  started: ReadonlySet<string>,
  finished: ReadonlySet<string>,
): ShardInfo[] {
  const listed = new Set(shards.map((shard) => shard.shardId));
  return shards.filter(
    (shard) =>
      !started.has(shard.shardId) &&
      (shard.parentShardId === undefined ||
        !listed.has(shard.parentShardId) ||
        finished.has(shard.parentShardId)),
  );
}

/** Drops checkpoints of finished shards the stream no longer lists (trimmed), keeping the file small. */
export function pruneCheckpoint(
  checkpoint: StreamCheckpoint,
  shards: readonly ShardInfo[],
): StreamCheckpoint {
  const listed = new Set(shards.map((shard) => shard.shardId));
  const kept = Object.entries(checkpoint.shards).filter(
    ([shardId, entry]) => listed.has(shardId) || !entry.finished,
  );
  return { streamArn: checkpoint.streamArn, shards: Object.fromEntries(kept) };
}
