import type { DynamoDBStreamHandler } from 'aws-lambda';
import { publishFromStream, streamRecordEventId } from '@chat/events';
import { createLogger } from '@chat/runtime';
import { eventPublisher } from '../adapters/environment';
import { storedRoomOf } from '../adapters/items';
import { roomEventsOf } from '../use-cases/stream-events';

const logger = createLogger({ service: 'chat-rooms', function: 'publishRoomEvents' });

/** The rooms table's stream → RoomCreated / RoomUpdated on the bus (the outbox). */
export const handler: DynamoDBStreamHandler = (event) =>
  publishFromStream({
    publisher: eventPublisher(),
    records: event.Records,
    logger,
    toEvents: (record, newImage, oldImage) =>
      roomEventsOf({
        eventName: record.eventName ?? 'MODIFY',
        eventId: streamRecordEventId(record),
        ...(newImage ? { newImage: storedRoomOf(newImage) } : {}),
        ...(oldImage ? { oldImage: storedRoomOf(oldImage) } : {}),
      }),
  });
