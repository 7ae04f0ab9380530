import type { Message } from '../domain/message';
import { termsOf } from '../domain/search';
import type { SearchIndex } from './ports';

/** A message's terms in a state of it: none when it is absent or a tombstone. */
const termsOfState = (message: Message | undefined): string[] =>
  message === undefined || message.deletedAt !== undefined ? [] : termsOf(message.text);

/**
 * Keeps the search index in step with one write of a message (a stream record: the states before and after):
 * the terms it gains are added, those it loses removed; a write that changes no term (a reaction, a thread
 * summary) writes nothing. Records of one message come in order, so the index follows its latest state.
 */
export async function indexMessage(
  deps: { search: SearchIndex },
  before: Message | undefined,
  after: Message | undefined,
): Promise<{ added: number; removed: number }> {
  const message = after ?? before;
  if (!message) return { added: 0, removed: 0 };
  const old = new Set(termsOfState(before));
  const now = new Set(termsOfState(after));
  const added = [...now].filter((term) => !old.has(term));
  const removed = [...old].filter((term) => !now.has(term));
  if (added.length > 0 || removed.length > 0) {
    await deps.search.update({ roomId: message.roomId, messageId: message.messageId }, added, removed);
  }
  return { added: added.length, removed: removed.length };
}
