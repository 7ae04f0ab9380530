import { outboxHandler, streamChangeOf } from '@chat/events';
import { eventPublisher } from '../adapters/environment';
import { storedRoomOf } from '../adapters/items';
import { roomEventsOf } from '../use-cases/stream-events';

/** The rooms table's stream → RoomCreated / RoomUpdated on the bus (the outbox). */
export const handler = outboxHandler('publishRoomEvents', eventPublisher, (record, newImage, oldImage) =>
  roomEventsOf(streamChangeOf(record, newImage, oldImage, storedRoomOf)),
);
