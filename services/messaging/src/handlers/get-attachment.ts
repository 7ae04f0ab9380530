import { authenticator } from '@chat/auth-verifier';
import { httpHandler, ok, pathParam } from '@chat/http';
import { messagingDependencies } from '../adapters/environment';
import { getAttachment } from '../use-cases/attachments';

/** GET /rooms/{roomId}/attachments/{attachmentId}: 200 `{downloadUrl, fileName, contentType, size, expiresAt}`. */
export const handler = httpHandler(
  { name: 'getAttachment', auth: authenticator },
  async ({ event, principal }) =>
    ok(
      await getAttachment(messagingDependencies, {
        roomId: pathParam(event, 'roomId'),
        attachmentId: pathParam(event, 'attachmentId'),
        userId: principal.userId,
      }),
    ),
);
