/**
 * Message ids are ULIDs: 26 Crockford base-32 characters whose order is the room's chronological order. A
 * history cursor (`before`, `after`) is a message id; anything else is refused.
 */
const MESSAGE_ID = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;

export function isMessageId(value: string): boolean {
  return MESSAGE_ID.test(value);
}

/** The slice of a room's history a request asks for: the cursors are message ids (API.md). */
export type HistoryCursor =
  { kind: 'latest' } | { kind: 'before'; messageId: string } | { kind: 'after'; messageId: string };

/**
 * The slice of a room's history a page is, in the room's order: the cursor message's `seq` (history sorts by
 * seq, the version each message's creation took).
 */
export type HistoryWindow =
  { kind: 'latest' } | { kind: 'before'; seq: number } | { kind: 'after'; seq: number };

/**
 * The page's `nextCursor`: when more messages exist beyond this page, the id of its last item (the value to
 * pass as `before` for newest-first pages, `after` for oldest-first ones); otherwise null.
 */
export function nextCursorOf(items: readonly { messageId: string }[], hasMore: boolean): string | null {
  if (!hasMore) return null;
  return items.at(-1)?.messageId ?? null;
}
