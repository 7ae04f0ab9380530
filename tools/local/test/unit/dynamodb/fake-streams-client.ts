import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type DynamoDBStreamsClient,
  type _Record as StreamsRecord,
} from '@aws-sdk/client-dynamodb-streams';

interface FakeShard {
  shardId: string;
  parentShardId?: string;
  records: StreamsRecord[];
  closed: boolean;
}

/**
 * An in-memory DynamoDB Streams with the three calls a stream mapping makes, for unit tests of the
 * mapping's orchestration (shard lineage, positions) without DynamoDB Local.
 */
export class FakeStream {
  readonly shards: FakeShard[] = [];
  /** Every GetRecords call: the shard read and whether it returned the shard's end. */
  readonly reads: Array<{ shardId: string; end: boolean }> = [];
  private sequence = 0;

  addShard(shardId: string, parentShardId?: string): void {
    this.shards.push({ shardId, ...(parentShardId ? { parentShardId } : {}), records: [], closed: false });
  }

  /** Appends an INSERT of `pk` to a shard and returns its sequence number. */
  write(shardId: string, pk: string): string {
    const shard = this.shard(shardId);
    this.sequence += 1;
    const sequenceNumber = String(this.sequence).padStart(21, '0');
    shard.records.push({
      eventID: `event-${this.sequence}`,
      eventName: 'INSERT',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'ddblocal',
      dynamodb: {
        Keys: { pk: { S: pk } },
        SequenceNumber: sequenceNumber,
        SizeBytes: 10,
        StreamViewType: 'KEYS_ONLY',
      },
    });
    return sequenceNumber;
  }

  close(shardId: string): void {
    this.shard(shardId).closed = true;
  }

  client(): DynamoDBStreamsClient {
    return { send: async (command: unknown) => this.handle(command) } as unknown as DynamoDBStreamsClient;
  }

  private shard(shardId: string): FakeShard {
    const shard = this.shards.find((candidate) => candidate.shardId === shardId);
    if (!shard) throw Object.assign(new Error(`no shard ${shardId}`), { name: 'ResourceNotFoundException' });
    return shard;
  }

  private handle(command: unknown): unknown {
    if (command instanceof DescribeStreamCommand) {
      return {
        StreamDescription: {
          Shards: this.shards.map((shard) => ({
            ShardId: shard.shardId,
            ...(shard.parentShardId ? { ParentShardId: shard.parentShardId } : {}),
            SequenceNumberRange: {
              StartingSequenceNumber: '1',
              ...(shard.closed ? { EndingSequenceNumber: String(this.sequence) } : {}),
            },
          })),
        },
      };
    }
    if (command instanceof GetShardIteratorCommand) {
      const { ShardId, ShardIteratorType, SequenceNumber } = command.input;
      const shard = this.shard(ShardId ?? '');
      let position = 0;
      if (ShardIteratorType === 'LATEST') position = shard.records.length;
      if (ShardIteratorType === 'AFTER_SEQUENCE_NUMBER') {
        position =
          shard.records.findIndex((record) => record.dynamodb?.SequenceNumber === SequenceNumber) + 1;
      }
      return { ShardIterator: `${shard.shardId}|${position}` };
    }
    if (command instanceof GetRecordsCommand) {
      const [shardId, position] = (command.input.ShardIterator ?? '').split('|');
      const shard = this.shard(shardId ?? '');
      const start = Number(position);
      const records = shard.records.slice(start, start + (command.input.Limit ?? 1000));
      const next = start + records.length;
      const end = shard.closed && next >= shard.records.length;
      this.reads.push({ shardId: shard.shardId, end });
      return { Records: records, ...(end ? {} : { NextShardIterator: `${shard.shardId}|${next}` }) };
    }
    throw new Error(`FakeStream does not support ${String(command)}`);
  }
}
