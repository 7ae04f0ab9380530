import { authenticator } from '@chat/auth-verifier';
import { httpHandler, idParam, noContent, parseJsonBody } from '@chat/http';
import { roomStoreWithBans, systemClock, userDirectory } from '../adapters/environment';
import { banBody } from '../domain/requests';
import { banUser } from '../use-cases/bans';
import { callerOf, writeContextOf } from './request-support';

/** PUT /rooms/{roomId}/bans/{userId} `{reason?}` (the body may be left out) → 204 (owner or admin): removes the member and bans them. */
export const handler = httpHandler({ name: 'banUser', auth: authenticator }, async (request) => {
  const roomId = idParam(request.event, 'roomId');
  const userId = idParam(request.event, 'userId');
  const body = request.event.body ? parseJsonBody(request.event, banBody) : {};
  const reason = body.reason ? body.reason : null;
  await banUser(
    { rooms: roomStoreWithBans(), users: userDirectory(), clock: systemClock },
    callerOf(request.principal),
    { roomId, userId, reason },
    writeContextOf(request),
  );
  request.logger.info('user banned', { roomId, userId });
  return noContent();
});
