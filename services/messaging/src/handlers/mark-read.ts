import { authenticator } from '@chat/auth-verifier';
import { httpHandler, noContent, pathParam } from '@chat/http';
import { messagingDependencies } from '../adapters/environment';
import { markRead } from '../use-cases/read-markers';
import { markReadBody } from '../domain/requests';

/** PUT /rooms/{roomId}/read `{messageId}`: 204, the caller's read marker (never moves back). */
export const handler = httpHandler(
  { name: 'markRead', auth: authenticator, body: markReadBody },
  async ({ event, body, principal }) => {
    await markRead(messagingDependencies, {
      roomId: pathParam(event, 'roomId'),
      userId: principal.userId,
      messageId: body.messageId,
    });
    return noContent();
  },
);
