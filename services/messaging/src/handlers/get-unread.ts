import { authenticator } from '@chat/auth-verifier';
import { httpHandler, ok, idParam } from '@chat/http';
import { messagingDependencies } from '../adapters/environment';
import { countUnread } from '../use-cases/read-markers';

/** GET /rooms/{roomId}/unread: 200 `{count, lastReadMessageId, capped}`. */
export const handler = httpHandler({ name: 'getUnread', auth: authenticator }, async ({ event, principal }) =>
  ok(
    await countUnread(messagingDependencies, {
      roomId: idParam(event, 'roomId'),
      userId: principal.userId,
    }),
  ),
);
