import { authenticator } from '@chat/auth-verifier';
import { httpHandler, ok, idParam } from '@chat/http';
import { storageDependencies } from '../adapters/environment';
import { getAttachment } from '../use-cases/attachments';

/** GET /rooms/{roomId}/attachments/{attachmentId}: 200 `{downloadUrl, fileName, contentType, size, expiresAt}`. */
export const handler = httpHandler(
  { name: 'getAttachment', auth: authenticator },
  async ({ event, principal }) =>
    ok(
      await getAttachment(storageDependencies, {
        roomId: idParam(event, 'roomId'),
        attachmentId: idParam(event, 'attachmentId'),
        userId: principal.userId,
      }),
    ),
);
