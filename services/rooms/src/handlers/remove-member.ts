import { authenticator } from '@chat/auth-verifier';
import { httpHandler, idParam, noContent } from '@chat/http';
import { roomStore, systemClock } from '../adapters/environment';
import { removeMember } from '../use-cases/remove-member';
import { callerOf, writeContextOf } from './request-support';

/** DELETE /rooms/{roomId}/members/{userId} → 204: `me` or one's own id leaves, another id is a kick. */
export const handler = httpHandler({ name: 'removeMember', auth: authenticator }, async (request) => {
  const roomId = idParam(request.event, 'roomId');
  const caller = callerOf(request.principal);
  const named = idParam(request.event, 'userId');
  const userId = named === 'me' ? caller.userId : named;
  await removeMember(
    { rooms: roomStore(), clock: systemClock },
    caller,
    roomId,
    userId,
    writeContextOf(request),
  );
  request.logger.info(userId === caller.userId ? 'member left' : 'member kicked', { roomId, userId });
  return noContent();
});
