import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The checkpoints of one stream event source mapping: per shard, the last sequence number that is done
 * (processed or discarded) and whether the shard was read to its end. Kept in a small JSON file so that a
 * restart of the local stack resumes where it stopped.
 */
export interface ShardCheckpoint {
  sequenceNumber?: string;
  finished?: boolean;
}

export interface StreamCheckpoint {
  streamArn: string;
  shards: Record<string, ShardCheckpoint>;
}

const FORMAT_VERSION = 1;

/** Orders DynamoDB Streams sequence numbers (decimal strings of any length). */
export function compareSequenceNumbers(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function serializeCheckpoint(checkpoint: StreamCheckpoint): string {
  return `${JSON.stringify({ version: FORMAT_VERSION, ...checkpoint }, null, 2)}\n`;
}

function isShardCheckpoint(value: unknown): value is ShardCheckpoint {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const { sequenceNumber, finished } = value as Record<string, unknown>;
  return (
    (sequenceNumber === undefined || (typeof sequenceNumber === 'string' && /^\d+$/.test(sequenceNumber))) &&
    (finished === undefined || typeof finished === 'boolean')
  );
}

/** Parses a checkpoint file's text; throws a clear error naming `file` when it is not one. */
export function parseCheckpoint(text: string, file: string): StreamCheckpoint {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(
      `Checkpoint file ${file} is not valid JSON (${(error as Error).message}); delete it to start over`,
    );
  }
  const record = (data ?? {}) as Record<string, unknown>;
  const shards = record.shards;
  if (
    record.version !== FORMAT_VERSION ||
    typeof record.streamArn !== 'string' ||
    shards === null ||
    typeof shards !== 'object' ||
    Array.isArray(shards) ||
    !Object.values(shards).every(isShardCheckpoint)
  ) {
    throw new Error(
      `Checkpoint file ${file} is not a version ${FORMAT_VERSION} stream checkpoint; delete it to start over`,
    );
  }
  return { streamArn: record.streamArn, shards: shards as Record<string, ShardCheckpoint> };
}

/** Reads a checkpoint file; undefined when it does not exist. */
export async function loadCheckpoint(file: string): Promise<StreamCheckpoint | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return parseCheckpoint(text, file);
}

/** Writes checkpoints one at a time, each atomically (temporary file renamed over the old one). */
export class CheckpointWriter {
  private queue: Promise<void> = Promise.resolve();

  constructor(readonly file: string) {}

  save(checkpoint: StreamCheckpoint): Promise<void> {
    const text = serializeCheckpoint(checkpoint);
    const write = this.queue.then(async () => {
      await mkdir(path.dirname(this.file), { recursive: true });
      const temporary = `${this.file}.${process.pid}.tmp`;
      await writeFile(temporary, text);
      await rename(temporary, this.file);
    });
    this.queue = write.catch(() => undefined);
    return write;
  }

  /** Resolves once every save so far has been attempted. */
  flush(): Promise<void> {
    return this.queue;
  }
}
