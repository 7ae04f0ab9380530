import type { APIGatewayProxyResultV2, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import { createLogger, optionalEnv } from '@chat/runtime';
import { messagingDependencies } from '../adapters/environment';
import {
  answerSendMessageFrame,
  clientMessageIdOf,
  errorFrame,
  parseFrame,
  type SendMessageReply,
} from '../use-cases/socket-send-message';

const baseLogger = createLogger({ service: optionalEnv('SERVICE_NAME'), function: 'socketSendMessage' });

/**
 * WebSocket route `sendMessage` (attached to realtime's WebSocket API): sends the message as the connection's
 * user and answers the sender on its connection with `{"type":"ack",…}` or `{"type":"error",…}`.
 */
export async function handler(event: APIGatewayProxyWebsocketEventV2): Promise<APIGatewayProxyResultV2> {
  const { connectionId, requestId } = event.requestContext;
  const logger = baseLogger.child({ connectionId, correlationId: requestId, route: 'sendMessage' });
  let reply: SendMessageReply;
  try {
    reply = await answerSendMessageFrame(messagingDependencies, {
      connectionId,
      body: event.body,
      correlationId: requestId,
    });
  } catch (error) {
    logger.error('sendMessage failed', { error });
    reply = errorFrame(clientMessageIdOf(parseFrame(event.body)), {
      code: 'INTERNAL',
      message: 'Internal server error',
    });
  }
  if (reply.type === 'ack') {
    logger.info('message sent', { roomId: reply.message.roomId, messageId: reply.message.messageId });
  }
  try {
    const outcome = await messagingDependencies.replies.send(connectionId, reply);
    if (outcome === 'gone') logger.warn('the sender left before the answer');
    return { statusCode: 200 };
  } catch (error) {
    logger.error('answer not delivered', { error });
    return { statusCode: 500 };
  }
}
