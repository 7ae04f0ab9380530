import { fieldIssuesOf } from '@chat/http';
import {
  domainErrorFrame,
  errorFrame,
  isDependencyOutage,
  isDomainError,
  parseFrameBody,
  UNAVAILABLE_MESSAGE,
  ValidationError,
  type ErrorFrame,
} from '@chat/runtime';
import type { Message } from '../domain/message';
import { UnknownConnectionError } from '../domain/errors';
import type { ConnectionDirectory } from './ports';
import { sendMessageFrame } from '../domain/requests';
import { sendMessage, type SendMessageDependencies } from './send-message';

export interface AckFrame {
  type: 'ack';
  clientMessageId: string;
  message: Message;
}

export type SendMessageReply = AckFrame | ErrorFrame;

/** The frame's clientMessageId when it has a usable one (so even a refused frame's answer can be matched). */
function clientMessageIdOf(frame: unknown): string | undefined {
  if (frame === null || typeof frame !== 'object') return undefined;
  const value = (frame as { clientMessageId?: unknown }).clientMessageId;
  return typeof value === 'string' && value !== '' && value.length <= 128 ? value : undefined;
}

/**
 * The WebSocket `sendMessage` action: the same use case as the REST send, for the user realtime recorded
 * for this connection. Returns the frame to answer the sender with: an `ack` carrying the stored message (also
 * for a retried clientMessageId) or an `error` with the contract's code. Faults other than domain errors are
 * thrown (the handler answers them with a generic error).
 */
export async function answerSendMessageFrame(
  deps: SendMessageDependencies & { connections: ConnectionDirectory },
  input: { connectionId: string; body: string | undefined; correlationId: string },
): Promise<SendMessageReply> {
  const raw = parseFrameBody(input.body);
  const clientMessageId = clientMessageIdOf(raw);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return errorFrame('BAD_FRAME', 'Frame must be a JSON object');
  }
  const parsed = sendMessageFrame.safeParse(raw);
  if (!parsed.success) {
    return domainErrorFrame(new ValidationError(fieldIssuesOf(parsed.error)), clientMessageId);
  }
  const frame = parsed.data;
  try {
    const senderId = await deps.connections.userOf(input.connectionId);
    if (senderId === undefined) throw new UnknownConnectionError();
    const { message } = await sendMessage(deps, {
      roomId: frame.roomId,
      senderId,
      text: frame.text,
      clientMessageId: frame.clientMessageId,
      attachmentIds: frame.attachmentIds,
      ...(frame.threadId === undefined ? {} : { threadId: frame.threadId }),
      correlationId: input.correlationId,
    });
    return { type: 'ack', clientMessageId: frame.clientMessageId, message };
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return domainErrorFrame(error, frame.clientMessageId);
  }
}

/**
 * The answer to a frame whose handling failed unexpectedly, matched when possible: UNAVAILABLE when a dependency
 * is unreachable for now (the client sends it again later, with the same clientMessageId), else a generic
 * INTERNAL error.
 */
export function failureReply(body: string | undefined, error: unknown): ErrorFrame {
  const clientMessageId = clientMessageIdOf(parseFrameBody(body));
  return isDependencyOutage(error)
    ? errorFrame('UNAVAILABLE', UNAVAILABLE_MESSAGE, { clientMessageId })
    : errorFrame('INTERNAL', 'Internal server error', { clientMessageId });
}
