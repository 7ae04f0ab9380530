import { webSocketHandler } from '@chat/aws';
import { socketDependencies } from '../adapters/environment';
import { answerSendMessageFrame, failureReply } from '../use-cases/socket-send-message';

/**
 * WebSocket route `sendMessage` (attached to realtime's WebSocket API): sends the message as the connection's
 * user and answers the sender on its connection with `{"type":"ack",…}` or `{"type":"error",…}` (an unexpected
 * failure is logged and answered with an UNAVAILABLE or a generic INTERNAL error frame). A frame over 32 KB is not refused
 * before the use case here: its validation answers it.
 */
export const handler = webSocketHandler('socketSendMessage', async ({ event, connectionId, logger }) => {
  const reply = await answerSendMessageFrame(socketDependencies, {
    connectionId,
    body: event.body,
    correlationId: event.requestContext.requestId,
  }).catch((error: unknown) => {
    const reply = failureReply(event.body, error);
    if (reply.error.code === 'UNAVAILABLE') logger.warn('dependency unavailable', { error });
    else logger.error('sendMessage failed', { error });
    return reply;
  });
  if (reply.type === 'ack') {
    logger.info('message sent', { roomId: reply.message.roomId, messageId: reply.message.messageId });
  }
  const outcome = await socketDependencies.replies.send(connectionId, reply);
  if (outcome === 'gone') logger.warn('the sender left before the answer');
});
