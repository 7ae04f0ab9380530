import { authenticator } from '@chat/auth-verifier';
import { httpHandler, noContent, idParam } from '@chat/http';
import { storageDependencies } from '../adapters/environment';
import { deleteMessage } from '../use-cases/delete-message';

/** DELETE /rooms/{roomId}/messages/{messageId}: 204; the message stays as a tombstone. */
export const handler = httpHandler(
  { name: 'deleteMessage', auth: authenticator },
  async ({ event, principal, correlationId }) => {
    await deleteMessage(storageDependencies, {
      roomId: idParam(event, 'roomId'),
      messageId: idParam(event, 'messageId'),
      userId: principal.userId,
      correlationId,
    });
    return noContent();
  },
);
