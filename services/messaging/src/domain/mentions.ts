/** Distinct `@username` tokens one message may resolve (bounds the lookups a message costs). */
export const MAX_MENTIONS_PER_MESSAGE = 20;

const USERNAME = /^[a-z0-9_.-]{3,32}$/;
/** `@` at the start or after a character that cannot be part of a word or an e-mail local part. */
const MENTION = /(?<![A-Za-z0-9_.@-])@([A-Za-z0-9_.-]+)/g;

/**
 * The usernames a text mentions, lower-cased, distinct, in order of first appearance, at most
 * MAX_MENTIONS_PER_MESSAGE. `a@b.com` is not a mention; `@Bob.` at the end of a sentence is `bob` (trailing
 * `.` and `-` are punctuation unless the name with them is a valid username too, in which case both are tried).
 */
export function mentionCandidates(text: string): string[] {
  const names: string[] = [];
  const add = (name: string) => {
    if (USERNAME.test(name) && !names.includes(name)) names.push(name);
  };
  for (const match of text.matchAll(MENTION)) {
    if (names.length >= MAX_MENTIONS_PER_MESSAGE) break;
    const token = (match[1] ?? '').toLowerCase();
    add(token);
    add(token.replace(/[.-]+$/, ''));
  }
  return names.slice(0, MAX_MENTIONS_PER_MESSAGE);
}

/**
 * The mentioned userIds in the order their usernames appear in the text, each once: `members` maps the
 * usernames that belong to members of the room to their userIds; other names are ignored.
 */
export function resolveMentions(
  candidates: readonly string[],
  members: ReadonlyMap<string, string>,
): string[] {
  const userIds: string[] = [];
  for (const name of candidates) {
    const userId = members.get(name);
    if (userId !== undefined && !userIds.includes(userId)) userIds.push(userId);
  }
  return userIds;
}
