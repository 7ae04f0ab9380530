import { authenticator } from '@chat/auth-verifier';
import { httpHandler, noContent, idParam } from '@chat/http';
import { messagingDependencies } from '../adapters/environment';
import { markRead } from '../use-cases/read-markers';
import { markReadBody } from '../domain/requests';

/**
 * PUT /rooms/{roomId}/read `{messageId}`: 204, the caller's read marker (never moves back). A move reaches the
 * room's sockets as read.updated through the read-markers table's stream.
 */
export const handler = httpHandler(
  { name: 'markRead', auth: authenticator, body: markReadBody },
  async ({ event, body, principal, correlationId, logger }) => {
    const roomId = idParam(event, 'roomId');
    const { moved } = await markRead(messagingDependencies, {
      roomId,
      userId: principal.userId,
      messageId: body.messageId,
      correlationId,
    });
    logger.info('read marker', { roomId, messageId: body.messageId, moved });
    return noContent();
  },
);
