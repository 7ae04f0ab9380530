import { authenticator } from '@chat/auth-verifier';
import { created, httpHandler } from '@chat/http';
import { roomLimits, roomStore, systemClock, ulidIds, userDirectory } from '../adapters/environment';
import { createRoom } from '../use-cases/create-room';
import { createRoomBody } from '../domain/requests';
import { callerOf, writeContextOf } from './request-support';

/** POST /rooms `{name, visibility, topic?}` → 201 Room; the caller becomes its owner. */
export const handler = httpHandler(
  { name: 'createRoom', auth: authenticator, body: createRoomBody },
  async (request) => {
    const deps = {
      rooms: roomStore(),
      users: userDirectory(),
      clock: systemClock,
      ids: ulidIds,
      limits: roomLimits(),
    };
    const room = await createRoom(deps, callerOf(request.principal), request.body, writeContextOf(request));
    request.logger.info('room created', { roomId: room.roomId, visibility: room.visibility });
    return created(room);
  },
);
