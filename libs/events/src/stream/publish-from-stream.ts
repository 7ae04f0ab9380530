import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { createLogger, type Logger } from '@chat/runtime';
import type { EventEnvelope } from '../envelope';
import type { EventPublisher } from '../publisher/event-publisher';
import { validateEvent } from '../validate-event';
import { unmarshallImage } from './unmarshall-image';

/** Turns one stream record into the events it stands for (none, one or several). */
export type StreamRecordToEvents = (
  record: DynamoDBRecord,
  newImage: Record<string, unknown> | undefined,
  oldImage: Record<string, unknown> | undefined,
) => EventEnvelope[] | Promise<EventEnvelope[]>;

export interface PublishFromStreamInput {
  publisher: EventPublisher;
  /** The batch as Lambda gives it (`event.Records`), in stream order. */
  records: readonly DynamoDBRecord[];
  toEvents: StreamRecordToEvents;
  logger?: Logger;
}

/**
 * The outbox relay: publishes the events of a batch of DynamoDB stream records and returns Lambda's
 * partial batch response. A record fails when converting it throws, one of its events breaks its
 * contract, or one of its events could not be published. Lambda resumes a stream shard at the lowest
 * reported sequence number, so the first failed record and every record after it are reported (their
 * published events are sent again on retry; use `streamRecordEventId` so the copies share eventIds).
 * Records after a conversion failure are not published in this invocation.
 */
export async function publishFromStream(input: PublishFromStreamInput): Promise<DynamoDBBatchResponse> {
  const logger = input.logger ?? createLogger({ component: 'events.stream-publisher' });
  const { records } = input;
  const eventsByRecord: EventEnvelope[][] = [];
  let firstFailed = records.length;

  for (const [index, record] of records.entries()) {
    try {
      const events = await input.toEvents(
        record,
        unmarshallImage(record.dynamodb?.NewImage),
        unmarshallImage(record.dynamodb?.OldImage),
      );
      for (const event of events) validateEvent(event);
      eventsByRecord.push(events);
    } catch (error) {
      logger.error('stream record not converted to events', {
        eventID: record.eventID,
        sequenceNumber: record.dynamodb?.SequenceNumber,
        error,
      });
      firstFailed = index;
      break;
    }
  }

  const recordOfEvent = new Map<EventEnvelope, number>();
  eventsByRecord.forEach((events, index) => events.forEach((event) => recordOfEvent.set(event, index)));
  const { failed } = await input.publisher.publish(eventsByRecord.flat());
  for (const failure of failed) {
    const index = recordOfEvent.get(failure.event);
    if (index !== undefined && index < firstFailed) firstFailed = index;
  }

  const batchItemFailures = records.slice(firstFailed).map((record) => {
    const sequenceNumber = record.dynamodb?.SequenceNumber;
    if (!sequenceNumber) throw new Error(`stream record ${record.eventID ?? '?'} has no SequenceNumber`);
    return { itemIdentifier: sequenceNumber };
  });
  if (batchItemFailures.length > 0) {
    logger.warn('stream records reported for retry', {
      records: batchItemFailures.length,
      firstSequenceNumber: batchItemFailures[0]?.itemIdentifier,
    });
  }
  return { batchItemFailures };
}
