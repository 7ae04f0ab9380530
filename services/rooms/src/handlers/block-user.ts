import { authenticator } from '@chat/auth-verifier';
import { httpHandler, idParam, noContent } from '@chat/http';
import { blockStore, systemClock, userDirectory } from '../adapters/environment';
import { blockUser } from '../use-cases/blocks';
import { callerOf, writeContextOf } from './request-support';

/** PUT /users/me/blocks/{userId} → 204 (idempotent); 400 for oneself, 404 for an unknown user. */
export const handler = httpHandler({ name: 'blockUser', auth: authenticator }, async (request) => {
  const blockedUserId = idParam(request.event, 'userId');
  await blockUser(
    { blocks: blockStore(), users: userDirectory(), clock: systemClock },
    callerOf(request.principal),
    blockedUserId,
    writeContextOf(request),
  );
  request.logger.info('user blocked', { blockedUserId });
  return noContent();
});
