import { authenticator } from '@chat/auth-verifier';
import { created, httpHandler, ok } from '@chat/http';
import { blockStore, roomStore, systemClock, userDirectory } from '../adapters/environment';
import { openDirectMessage } from '../use-cases/open-direct-message';
import { openDirectMessageBody } from '../domain/requests';
import { callerOf, writeContextOf } from './request-support';

/** POST /dms `{userId}` → 201 Room (kind dm) when created, 200 with the same room afterwards. */
export const handler = httpHandler(
  { name: 'openDirectMessage', auth: authenticator, body: openDirectMessageBody },
  async (request) => {
    const deps = { rooms: roomStore(), users: userDirectory(), clock: systemClock, blocks: blockStore() };
    const opened = await openDirectMessage(
      deps,
      callerOf(request.principal),
      request.body.userId,
      writeContextOf(request),
    );
    if (opened.created) request.logger.info('direct message room created', { roomId: opened.room.roomId });
    return opened.created ? created(opened.room) : ok(opened.room);
  },
);
