import {
  busEvents,
  eventually,
  postMessage,
  sendMessage,
  type ApiResponse,
  type BusEvent,
  type ErrorBody,
  type SignedInUser,
} from '@chat/testing';
import type { Message } from '../../src/domain/message';

/** The shared stack helpers, typed with messaging's own message. */

export function send(
  roomId: string,
  user: SignedInUser,
  body: Record<string, unknown>,
): Promise<ApiResponse<Message & ErrorBody>> {
  return postMessage<Message & ErrorBody>(roomId, user, body);
}

/** Sends a message that must be stored, returning it. */
export function sent(roomId: string, user: SignedInUser, text: string): Promise<Message> {
  return sendMessage<Message>(roomId, user, text);
}

/** The events of `detailType` about one message, once at least one was published. */
export function eventsAbout(detailType: string, messageId: string): Promise<BusEvent[]> {
  return eventually(
    async () => {
      const matching = (await busEvents(detailType)).filter(
        (e) => e.event.detail.data.messageId === messageId,
      );
      return matching.length > 0 ? matching : undefined;
    },
    { what: `${detailType} of ${messageId}` },
  );
}
