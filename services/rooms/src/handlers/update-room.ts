import { authenticator } from '@chat/auth-verifier';
import { httpHandler, idParam, ok } from '@chat/http';
import { roomStore, systemClock } from '../adapters/environment';
import { updateRoom } from '../use-cases/update-room';
import { updateRoomBody } from '../domain/requests';
import { callerOf, writeContextOf } from './request-support';

/** PATCH /rooms/{roomId} `{name?, topic?}` → 200 Room (owner or admin). */
export const handler = httpHandler(
  { name: 'updateRoom', auth: authenticator, body: updateRoomBody },
  async (request) => {
    const roomId = idParam(request.event, 'roomId');
    const room = await updateRoom(
      { rooms: roomStore(), clock: systemClock },
      callerOf(request.principal),
      roomId,
      request.body,
      writeContextOf(request),
    );
    request.logger.info('room updated', { roomId });
    return ok(room);
  },
);
