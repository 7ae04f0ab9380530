import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { failuresFrom, processInOrder, type StreamImage } from '@chat/aws';
import { COMMON_ENV, createLogger, observedInvocation, optionalEnv, type Logger } from '@chat/runtime';
import { type EventEnvelope, streamRecordEventId } from '../envelope';
import type { EventPublisher } from '../publisher/event-publisher';
import { validateEvent } from '../validate-event';

/** Turns one stream record into the events it stands for (none, one or several). */
export type StreamRecordToEvents = (
  record: DynamoDBRecord,
  newImage: StreamImage,
  oldImage: StreamImage,
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
 * Records are converted in order with `processInOrder`: those after a conversion failure are not published
 * in this invocation. The events of the records converted are published together (batches of PutEvents).
 */
export async function publishFromStream(input: PublishFromStreamInput): Promise<DynamoDBBatchResponse> {
  const logger = input.logger ?? createLogger({ component: 'events.stream-publisher' });
  const { records } = input;
  const eventsByRecord: EventEnvelope[][] = [];
  await processInOrder(
    records,
    async (record, newImage, oldImage) => {
      const events = await input.toEvents(record, newImage, oldImage);
      for (const event of events) validateEvent(event);
      eventsByRecord.push(events);
    },
    logger,
    { failureMessage: 'stream record not converted to events' },
  );

  let firstFailed = eventsByRecord.length;
  const recordOfEvent = new Map<EventEnvelope, number>();
  eventsByRecord.forEach((events, index) => events.forEach((event) => recordOfEvent.set(event, index)));
  const { failed } = await input.publisher.publish(eventsByRecord.flat());
  for (const failure of failed) {
    const index = recordOfEvent.get(failure.event);
    if (index !== undefined && index < firstFailed) firstFailed = index;
  }

  const response = failuresFrom(records, firstFailed);
  if (response.batchItemFailures.length > 0) {
    logger.warn('stream records reported for retry', {
      records: response.batchItemFailures.length,
      firstSequenceNumber: response.batchItemFailures[0]?.itemIdentifier,
    });
  }
  return response;
}

/**
 * The one way to write a table's outbox function: `publishFromStream` with the publisher built once, and a logger
 * with `service` (env SERVICE_NAME) and `function`.
 */
export function outboxHandler(
  name: string,
  publisher: () => EventPublisher,
  toEvents: StreamRecordToEvents,
): (event: DynamoDBStreamEvent, context?: Context) => Promise<DynamoDBBatchResponse> {
  const logger = createLogger({ service: optionalEnv(COMMON_ENV.serviceName), function: name });
  return observedInvocation((event: DynamoDBStreamEvent, _context?: Context) =>
    publishFromStream({ publisher: publisher(), records: event.Records, toEvents, logger }),
  );
}

/** One stream record read into a service's items: what happened, the eventId derived from the record, the images. */
export interface StreamChange<T> {
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  /** Derived from the stream record (`streamRecordEventId`): a redelivered record publishes the same id. */
  eventId: string;
  newImage?: T;
  oldImage?: T;
}

/** Reads a stream record and its images into a `StreamChange` of the service's items (`itemOf` each image). */
export function streamChangeOf<T>(
  record: DynamoDBRecord,
  newImage: StreamImage,
  oldImage: StreamImage,
  itemOf: (image: Record<string, unknown>) => T,
): StreamChange<T> {
  return {
    eventName: record.eventName ?? 'MODIFY',
    eventId: streamRecordEventId(record),
    ...(newImage ? { newImage: itemOf(newImage) } : {}),
    ...(oldImage ? { oldImage: itemOf(oldImage) } : {}),
  };
}
