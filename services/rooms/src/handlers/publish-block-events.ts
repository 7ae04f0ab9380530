import { outboxHandler, streamChangeOf } from '@chat/events';
import { eventPublisher } from '../adapters/environment';
import { storedBlockOf } from '../adapters/items';
import { blockEventsOf } from '../use-cases/stream-events';

/** The blocks table's stream → UserBlocked / UserUnblocked on the bus (the outbox). */
export const handler = outboxHandler('publishBlockEvents', eventPublisher, (record, newImage, oldImage) =>
  blockEventsOf(streamChangeOf(record, newImage, oldImage, storedBlockOf)),
);
