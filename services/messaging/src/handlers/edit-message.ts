import { authenticator } from '@chat/auth-verifier';
import { httpHandler, ok, idParam } from '@chat/http';
import { messagingDependencies } from '../adapters/environment';
import { editMessage } from '../use-cases/edit-message';
import { editMessageBody } from '../domain/requests';

/** PATCH /rooms/{roomId}/messages/{messageId}: 200 with the edited Message (sender only). */
export const handler = httpHandler(
  { name: 'editMessage', auth: authenticator, body: editMessageBody },
  async ({ event, body, principal, correlationId }) =>
    ok(
      await editMessage(messagingDependencies, {
        roomId: idParam(event, 'roomId'),
        messageId: idParam(event, 'messageId'),
        userId: principal.userId,
        text: body.text,
        correlationId,
      }),
    ),
);
