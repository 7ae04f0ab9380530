import { authenticator } from '@chat/auth-verifier';
import { created, httpHandler, ok, idParam } from '@chat/http';
import { storageDependencies } from '../adapters/environment';
import { sendMessageBody } from '../domain/requests';
import { sendMessage } from '../use-cases/send-message';

/** POST /rooms/{roomId}/messages: 201 with the new Message; 200 with the stored one for a repeated clientMessageId. */
export const handler = httpHandler(
  { name: 'sendMessage', auth: authenticator, body: sendMessageBody },
  async ({ event, body, principal, correlationId }) => {
    const { message, created: isNew } = await sendMessage(storageDependencies, {
      roomId: idParam(event, 'roomId'),
      senderId: principal.userId,
      text: body.text,
      ...(body.clientMessageId === undefined ? {} : { clientMessageId: body.clientMessageId }),
      attachmentIds: body.attachmentIds,
      ...(body.threadId === undefined ? {} : { threadId: body.threadId }),
      correlationId,
    });
    return isNew ? created(message) : ok(message);
  },
);
