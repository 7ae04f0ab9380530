import { contractReader, eventConsumer, roomCreatedContract, roomUpdatedContract } from '@chat/events';
import { rooms } from '../adapters/environment';
import { rememberRoom } from '../use-cases/projections';

/**
 * RoomCreated / RoomUpdated → the room names e-mails say "where" with (the later event wins). No idempotency
 * guard: the projection is ordered by `occurredAt`, so a redelivery changes nothing.
 */
export const handler = eventConsumer(
  { name: 'rememberRoom' },
  contractReader([roomCreatedContract, roomUpdatedContract], ({ data }) => ({ roomId: data.roomId })),
  ({ data, metadata }) => rememberRoom({ rooms: rooms() }, data, metadata.occurredAt),
);
