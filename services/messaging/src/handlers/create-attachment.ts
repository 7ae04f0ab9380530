import { authenticator } from '@chat/auth-verifier';
import { created, httpHandler, idParam } from '@chat/http';
import { storageDependencies } from '../adapters/environment';
import { requestUpload } from '../use-cases/attachments';
import { createAttachmentBody } from '../domain/requests';

/** POST /rooms/{roomId}/attachments: 201 `{attachmentId, uploadUrl, uploadHeaders, expiresAt}` (a presigned PUT). */
export const handler = httpHandler(
  { name: 'createAttachment', auth: authenticator, body: createAttachmentBody },
  async ({ event, body, principal }) =>
    created(
      await requestUpload(storageDependencies, {
        roomId: idParam(event, 'roomId'),
        userId: principal.userId,
        fileName: body.fileName,
        contentType: body.contentType,
        size: body.size,
      }),
    ),
);
