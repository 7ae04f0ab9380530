import {
  pruneCheckpoint,
  shardsReadyToStart,
  shardStart,
  type ShardInfo,
} from '../../../src/dynamodb/shard-plan';
import type { StreamCheckpoint } from '../../../src/dynamodb/stream-checkpoint';

const ARN = 'arn:aws:dynamodb:ddblocal:000000000000:table/t/stream/x';
const open: ShardInfo = { shardId: 'open', closed: false };
const closed: ShardInfo = { shardId: 'closed', closed: true };

function aCheckpoint(shards: StreamCheckpoint['shards'] = {}): StreamCheckpoint {
  return { streamArn: ARN, shards };
}

describe('shardStart', () => {
  it('starts every shard at its beginning on a first TRIM_HORIZON start', () => {
    expect([open, closed].map((shard) => shardStart(shard, undefined, 'TRIM_HORIZON'))).toEqual([
      { type: 'TRIM_HORIZON' },
      { type: 'TRIM_HORIZON' },
    ]);
  });

  it('skips closed shards and what open shards hold on a first LATEST start', () => {
    expect([open, closed].map((shard) => shardStart(shard, undefined, 'LATEST'))).toEqual([
      { type: 'LATEST' },
      { type: 'FINISHED' },
    ]);
  });

  it('resumes after the checkpointed sequence number, whatever the starting position', () => {
    const checkpoint = aCheckpoint({ open: { sequenceNumber: '000042' } });

    expect(shardStart(open, checkpoint, 'LATEST')).toEqual({
      type: 'AFTER_SEQUENCE_NUMBER',
      sequenceNumber: '000042',
    });
  });

  it('does not read a shard again once it was read to its end', () => {
    const checkpoint = aCheckpoint({ closed: { sequenceNumber: '9', finished: true } });

    expect(shardStart(closed, checkpoint, 'TRIM_HORIZON')).toEqual({ type: 'FINISHED' });
  });

  it('reads a shard the checkpoint does not know from its beginning, so that nothing is lost', () => {
    expect(shardStart(open, aCheckpoint(), 'LATEST')).toEqual({ type: 'TRIM_HORIZON' });
  });
});

describe('shardsReadyToStart', () => {
  const parent: ShardInfo = { shardId: 'parent', closed: true };
  const child: ShardInfo = { shardId: 'child', parentShardId: 'parent', closed: false };
  const orphan: ShardInfo = { shardId: 'orphan', parentShardId: 'trimmed-away', closed: false };

  it('holds a child back until its parent is finished', () => {
    const ready = shardsReadyToStart([parent, child, orphan], new Set(), new Set());

    expect(ready.map((shard) => shard.shardId)).toEqual(['parent', 'orphan']);
  });

  it('starts a child once its parent is finished, and never starts a shard twice', () => {
    const ready = shardsReadyToStart(
      [parent, child, orphan],
      new Set(['parent', 'orphan']),
      new Set(['parent']),
    );

    expect(ready.map((shard) => shard.shardId)).toEqual(['child']);
  });
});

describe('pruneCheckpoint', () => {
  it('forgets finished shards the stream no longer lists and keeps the rest', () => {
    const checkpoint = aCheckpoint({
      gone: { sequenceNumber: '1', finished: true },
      goneUnfinished: { sequenceNumber: '2' },
      open: { sequenceNumber: '3' },
    });

    const pruned = pruneCheckpoint(checkpoint, [open]);

    expect(pruned).toEqual(
      aCheckpoint({ goneUnfinished: { sequenceNumber: '2' }, open: { sequenceNumber: '3' } }),
    );
  });
});
