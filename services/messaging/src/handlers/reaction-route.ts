import { authenticator } from '@chat/auth-verifier';
import { httpHandler, idParam, noContent, pathParam } from '@chat/http';
import { messagingDependencies } from '../adapters/environment';
import type { ReactionChange } from '../domain/reactions';
import { changeReaction } from '../use-cases/change-reaction';

/**
 * PUT and DELETE /rooms/{roomId}/messages/{messageId}/reactions/{reaction}: 204 either way (idempotent). The
 * `reaction` path parameter arrives URL-decoded; the use case validates it.
 */
export function reactionRoute(name: string, change: ReactionChange) {
  return httpHandler({ name, auth: authenticator }, async ({ event, principal, correlationId, logger }) => {
    const roomId = idParam(event, 'roomId');
    const messageId = idParam(event, 'messageId');
    const reaction = pathParam(event, 'reaction');
    await changeReaction(messagingDependencies, {
      roomId,
      messageId,
      userId: principal.userId,
      reaction,
      change,
      correlationId,
    });
    logger.info('reaction changed', { roomId, messageId, change });
    return noContent();
  });
}
