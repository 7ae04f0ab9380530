import { authenticator } from '@chat/auth-verifier';
import { httpHandler, idParam, noContent } from '@chat/http';
import { roomStoreWithBans } from '../adapters/environment';
import { unbanUser } from '../use-cases/bans';
import { callerOf } from './request-support';

/** DELETE /rooms/{roomId}/bans/{userId} → 204 (owner or admin): the user may join and be invited again. */
export const handler = httpHandler({ name: 'unbanUser', auth: authenticator }, async (request) => {
  const roomId = idParam(request.event, 'roomId');
  const userId = idParam(request.event, 'userId');
  await unbanUser({ rooms: roomStoreWithBans() }, callerOf(request.principal), roomId, userId);
  request.logger.info('user unbanned', { roomId, userId });
  return noContent();
});
