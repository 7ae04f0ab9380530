import type { AttributeValue as SdkAttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type {
  DynamoDBBatchResponse,
  DynamoDBRecord,
  AttributeValue as StreamAttributeValue,
} from 'aws-lambda';
import { METRIC, metrics as sandboxMetrics, type Logger, type Metrics } from '@chat/runtime';

/** A stream record's images as plain objects (undefined when the record has none). */
export type StreamImage = Record<string, unknown> | undefined;

/** The work done for one stream record, given the record and its images unmarshalled. */
export type StreamRecordHandler = (
  record: DynamoDBRecord,
  newImage: StreamImage,
  oldImage: StreamImage,
) => Promise<void>;

/** Lambda delivers binary attributes base64-encoded; the SDK's unmarshall wants bytes. */
function toSdkValue(value: StreamAttributeValue): SdkAttributeValue {
  if (value.B !== undefined) return { B: Buffer.from(value.B, 'base64') };
  if (value.BS !== undefined) return { BS: value.BS.map((b) => Buffer.from(b, 'base64')) };
  if (value.L !== undefined) return { L: value.L.map(toSdkValue) };
  if (value.M !== undefined) return { M: toSdkMap(value.M) };
  return value as SdkAttributeValue;
}

function toSdkMap(image: Record<string, StreamAttributeValue>): Record<string, SdkAttributeValue> {
  return Object.fromEntries(Object.entries(image).map(([key, value]) => [key, toSdkValue(value)]));
}

/** A stream record's NewImage/OldImage as a plain object (undefined when the record has none). */
export function unmarshallImage(image: Record<string, StreamAttributeValue> | undefined): StreamImage {
  return image ? unmarshall(toSdkMap(image)) : undefined;
}

/**
 * Lambda's partial batch response reporting `records[from]` and every record after it. Lambda resumes a stream
 * shard at the lowest reported sequence number, so reporting the rest too says what will really run again.
 */
export function failuresFrom(records: readonly DynamoDBRecord[], from: number): DynamoDBBatchResponse {
  return {
    batchItemFailures: records.slice(from).map((record) => {
      const sequenceNumber = record.dynamodb?.SequenceNumber;
      if (!sequenceNumber) throw new Error(`stream record ${record.eventID ?? '?'} has no SequenceNumber`);
      return { itemIdentifier: sequenceNumber };
    }),
  };
}

export interface ProcessInOrderOptions {
  /** The log line of a failed record (default: "stream record failed, reported for retry with the rest"). */
  failureMessage?: string;
  /** Where a failed record counts as ConsumerFailures (default: the sandbox's metrics). */
  metrics?: Metrics;
}

/**
 * Handles a DynamoDB stream batch record by record, in stream order, and returns Lambda's partial batch
 * response: when a record fails, the records after it are not handled, and it and every record after it are
 * reported, so the shard resumes at the failed record and each record runs once per success.
 *
 * Why not Powertools' `BatchProcessor` (`@aws-lambda-powertools/batch`): it reports each failed record alone and
 * goes on with the later ones. On a stream Lambda resumes at the lowest reported sequence number, so the later
 * records that succeeded run a second time on the retry, and, handled before the failed one, they are applied
 * out of order (a "closed" before its "opened"). Here nothing after a failure runs in this invocation.
 */
export async function processInOrder(
  records: readonly DynamoDBRecord[],
  handle: StreamRecordHandler,
  logger: Logger,
  options: ProcessInOrderOptions = {},
): Promise<DynamoDBBatchResponse> {
  for (const [index, record] of records.entries()) {
    try {
      await handle(
        record,
        unmarshallImage(record.dynamodb?.NewImage),
        unmarshallImage(record.dynamodb?.OldImage),
      );
    } catch (error) {
      (options.metrics ?? sandboxMetrics).count(METRIC.consumerFailures);
      logger.error(options.failureMessage ?? 'stream record failed, reported for retry with the rest', {
        eventID: record.eventID,
        sequenceNumber: record.dynamodb?.SequenceNumber,
        reported: records.length - index,
        error,
      });
      return failuresFrom(records, index);
    }
  }
  return { batchItemFailures: [] };
}
