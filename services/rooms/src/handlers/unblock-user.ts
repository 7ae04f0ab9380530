import { authenticator } from '@chat/auth-verifier';
import { httpHandler, idParam, noContent } from '@chat/http';
import { blockStore } from '../adapters/environment';
import { unblockUser } from '../use-cases/blocks';
import { callerOf } from './request-support';

/** DELETE /users/me/blocks/{userId} → 204 (idempotent). */
export const handler = httpHandler({ name: 'unblockUser', auth: authenticator }, async (request) => {
  const blockedUserId = idParam(request.event, 'userId');
  await unblockUser({ blocks: blockStore() }, callerOf(request.principal), blockedUserId);
  request.logger.info('user unblocked', { blockedUserId });
  return noContent();
});
