import { isMessageId, nextCursorOf, type HistoryWindow } from '../domain/cursor';
import { canonicalMessage, type Message } from '../domain/message';
import { invalidField } from '../domain/errors';
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
export function historyWindowOf(input: { before?: string; after?: string }): HistoryWindow {
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
 * A page of a room's history for a member: newest first (no cursor, or `before`), oldest first (`after`,
 * catch-up after a reconnect). Deleted messages appear as tombstones.
 */
export async function listMessages(
  deps: Pick<MessagingDependencies, 'memberships' | 'messages'>,
  input: ListMessagesInput,
): Promise<MessageHistoryPage> {
  const window = historyWindowOf(input);
  await requireMember(deps.memberships, input.roomId, input.userId);
  const page = await deps.messages.page(input.roomId, window, input.limit);
  return { items: page.items.map(canonicalMessage), nextCursor: nextCursorOf(page.items, page.hasMore) };
}
