import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { unmarshallImage } from '@chat/events';
import type { Logger } from '@chat/runtime';

/**
 * Handles a batch of DynamoDB stream records one by one, in stream order, and returns Lambda's partial batch
 * response: when a record fails, it and every record after it are reported (Lambda resumes the shard at the
 * lowest reported sequence number), so none is skipped and none after it runs twice in this invocation.
 */
export async function handleInOrder(
  records: readonly DynamoDBRecord[],
  handle: (record: DynamoDBRecord, newImage: Record<string, unknown> | undefined) => Promise<void>,
  logger: Logger,
): Promise<DynamoDBBatchResponse> {
  for (const [index, record] of records.entries()) {
    try {
      await handle(record, unmarshallImage(record.dynamodb?.NewImage));
    } catch (error) {
      const failed = records.slice(index);
      logger.error('stream record failed, reported for retry with the rest of the batch', {
        eventID: record.eventID,
        sequenceNumber: record.dynamodb?.SequenceNumber,
        reported: failed.length,
        error,
      });
      return {
        batchItemFailures: failed.map((r) => ({ itemIdentifier: r.dynamodb?.SequenceNumber ?? '' })),
      };
    }
  }
  return { batchItemFailures: [] };
}
