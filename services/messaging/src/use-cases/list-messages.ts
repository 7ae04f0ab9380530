import { isMessageId, nextCursorOf, type HistoryCursor, type HistoryWindow } from '../domain/cursor';
import { canonicalMessage, type Message } from '../domain/message';
import { invalidField, MessageNotFoundError } from '../domain/errors';
import { requireMember } from './membership';
import type { MessagingDependencies } from './ports';

export interface ListMessagesInput {
  roomId: string;
  userId: string;
  limit: number;
  before?: string;
  after?: string;
}

export interface MessageHistoryPage {
  items: Message[];
  nextCursor: string | null;
}

/** The history slice a request asks for; a cursor that is not a message id, or both cursors, is a 400. */
export function historyCursorOf(input: { before?: string; after?: string }): HistoryCursor {
  if (input.before !== undefined && input.after !== undefined) {
    throw invalidField('before', 'cannot be combined with after');
  }
  if (input.before !== undefined) {
    if (!isMessageId(input.before)) throw invalidField('before', 'is not a message id');
    return { kind: 'before', messageId: input.before };
  }
  if (input.after !== undefined) {
    if (!isMessageId(input.after)) throw invalidField('after', 'is not a message id');
    return { kind: 'after', messageId: input.after };
  }
  return { kind: 'latest' };
}

/**
 * The window of the cursor in the room's order: the cursor message's `seq`. A cursor that is no message of this
 * room (or one stored before room versions, which has no seq) is a 400 naming the parameter.
 */
async function historyWindowOf(
  messages: MessagingDependencies['messages'],
  roomId: string,
  cursor: HistoryCursor,
  threadId?: string,
): Promise<HistoryWindow> {
  if (cursor.kind === 'latest') return cursor;
  const message = await messages.get(roomId, cursor.messageId);
  if (message?.seq === undefined || message.threadId !== threadId) {
    throw invalidField(
      cursor.kind,
      threadId === undefined ? 'is not a message of this room' : 'is not a reply of this thread',
    );
  }
  return { kind: cursor.kind, seq: message.seq };
}

/**
 * A page of a thread for a member (GET …/messages/{messageId}/replies), with history's paging rules: the replies
 * of the top-level message `messageId` in `seq` order. 404 when `messageId` is no top-level message of the room;
 * a deleted parent's thread is still listed (its replies stay).
 */
export async function listReplies(
  deps: Pick<MessagingDependencies, 'memberships' | 'messages'>,
  input: ListMessagesInput & { messageId: string },
): Promise<MessageHistoryPage> {
  const cursor = historyCursorOf(input);
  await requireMember(deps.memberships, input.roomId, input.userId);
  const parent = await deps.messages.get(input.roomId, input.messageId);
  if (!parent || parent.threadId !== undefined) throw new MessageNotFoundError();
  const window = await historyWindowOf(deps.messages, input.roomId, cursor, input.messageId);
  const page = await deps.messages.threadPage(input.roomId, input.messageId, window, input.limit);
  return { items: page.items.map(canonicalMessage), nextCursor: nextCursorOf(page.items, page.hasMore) };
}

/**
 * A page of a room's top-level history for a member (replies are listed by their thread), in the room's order (`seq`): newest first (no cursor, or `before`),
 * oldest first (`after`, catch-up after a reconnect). Deleted messages appear as tombstones.
 */
export async function listMessages(
  deps: Pick<MessagingDependencies, 'memberships' | 'messages'>,
  input: ListMessagesInput,
): Promise<MessageHistoryPage> {
  const cursor = historyCursorOf(input);
  await requireMember(deps.memberships, input.roomId, input.userId);
  const window = await historyWindowOf(deps.messages, input.roomId, cursor);
  const page = await deps.messages.page(input.roomId, window, input.limit);
  return { items: page.items.map(canonicalMessage), nextCursor: nextCursorOf(page.items, page.hasMore) };
}
