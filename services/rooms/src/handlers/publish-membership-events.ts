import type { DynamoDBStreamHandler } from 'aws-lambda';
import { publishFromStream, streamRecordEventId } from '@chat/events';
import { createLogger } from '@chat/runtime';
import { eventPublisher } from '../adapters/environment';
import { storedMembershipOf } from '../adapters/items';
import { membershipEventsOf } from '../use-cases/stream-events';

const logger = createLogger({ service: 'chat-rooms', function: 'publishMembershipEvents' });

/** The memberships table's stream → UserJoined / UserLeft on the bus (the outbox). */
export const handler: DynamoDBStreamHandler = (event) =>
  publishFromStream({
    publisher: eventPublisher(),
    records: event.Records,
    logger,
    toEvents: (record, newImage, oldImage) =>
      membershipEventsOf({
        eventName: record.eventName ?? 'MODIFY',
        eventId: streamRecordEventId(record),
        ...(newImage ? { newImage: storedMembershipOf(newImage) } : {}),
        ...(oldImage ? { oldImage: storedMembershipOf(oldImage) } : {}),
      }),
  });
