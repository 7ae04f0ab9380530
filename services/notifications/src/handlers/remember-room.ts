import type { EventBridgeEvent } from 'aws-lambda';
import { parseEvent, roomCreatedContract, roomUpdatedContract } from '@chat/events';
import { createLogger } from '@chat/runtime';
import { rooms } from '../adapters/environment';
import { rememberRoom } from '../use-cases/projections';

const logger = createLogger({ service: 'chat-notifications', function: 'rememberRoom' });

/** RoomCreated / RoomUpdated → the room names e-mails say "where" with (the later event wins). */
export const handler = async (event: EventBridgeEvent<string, unknown>): Promise<void> => {
  const contract =
    event['detail-type'] === roomUpdatedContract.detailType ? roomUpdatedContract : roomCreatedContract;
  const room = parseEvent(contract, event, { logger });
  await rememberRoom({ rooms: rooms() }, room.data, room.metadata.occurredAt);
  logger.info('room remembered', {
    eventId: room.metadata.eventId,
    correlationId: room.metadata.correlationId,
    roomId: room.data.roomId,
  });
};
