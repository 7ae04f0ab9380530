/** Pure text handling for the composer and for showing messages (no DOM): mentions, links, limits. */

/** The contract's username rule: 3 to 32 of `a-z 0-9 _ . -`. */
const USERNAME_CHAR = /[a-z0-9_.-]/i;
export const MAX_TEXT = 4000;

/** The `@query` being typed at the caret (for autocomplete), or undefined when the caret is not in one. */
export function mentionAt(text: string, caret: number): { start: number; query: string } | undefined {
  let start = caret;
  while (start > 0 && USERNAME_CHAR.test(text[start - 1] as string)) start -= 1;
  if (start === 0 || text[start - 1] !== '@') return undefined;
  const at = start - 1;
  // an @ inside a word (an e-mail address) starts no mention
  if (at > 0 && !/\s|[([{'"]/.test(text[at - 1] as string)) return undefined;
  const query = text.slice(start, caret);
  if (query.length > 32) return undefined;
  return { start: at, query: query.toLowerCase() };
}

/** Replaces the `@query` from `start` to the caret with `@username ` and gives the caret after it. */
export function completeMention(
  text: string,
  start: number,
  caret: number,
  username: string,
): { text: string; caret: number } {
  const inserted = `@${username} `;
  const after = text.slice(caret).replace(/^[a-z0-9_.-]*/i, '');
  return {
    text: `${text.slice(0, start)}${inserted}${after.replace(/^ /, '')}`,
    caret: start + inserted.length,
  };
}

/** Candidates for `@query`: usernames starting with it first, then containing it; at most `limit`. */
export function mentionCandidates<T extends { username: string }>(
  people: readonly T[],
  query: string,
  limit = 6,
): T[] {
  const q = query.toLowerCase();
  const starts = people.filter((p) => p.username.startsWith(q));
  const contains = people.filter((p) => !p.username.startsWith(q) && p.username.includes(q));
  return [...starts, ...contains].slice(0, limit);
}

export type Segment =
  | { kind: 'text'; text: string }
  | { kind: 'mention'; text: string; username: string; me: boolean }
  | { kind: 'link'; text: string; href: string };

const TOKEN = /(@[a-z0-9_.-]{3,32})|(https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]])/gi;

/**
 * A message's text as segments to render (each as text, never as markup): `@username` of a known user as a
 * mention (`me` when it is the reader), `http(s)://` addresses as links; everything else plain text.
 */
export function segments(text: string, knownUsernames: ReadonlySet<string>, myUsername?: string): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    const index = match.index ?? 0;
    const [token] = match;
    let segment: Segment;
    let length = token.length;
    if (match[1]) {
      const username = token
        .slice(1)
        .toLowerCase()
        .replace(/[.-]+$/, '');
      const before = index === 0 ? ' ' : (text[index - 1] as string);
      if (!knownUsernames.has(username) || USERNAME_CHAR.test(before)) continue;
      segment = { kind: 'mention', text: `@${username}`, username, me: username === myUsername };
      length = 1 + username.length;
    } else {
      segment = { kind: 'link', text: token, href: token };
    }
    if (index > last) out.push({ kind: 'text', text: text.slice(last, index) });
    out.push(segment);
    last = index + length;
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) });
  return mergeText(out);
}

function mergeText(parts: Segment[]): Segment[] {
  const merged: Segment[] = [];
  for (const part of parts) {
    const previous = merged[merged.length - 1];
    if (part.kind === 'text' && previous?.kind === 'text') previous.text += part.text;
    else merged.push({ ...part });
  }
  return merged;
}

/** The text to send: trimmed at both ends; undefined when nothing is left (and no attachment makes it valid). */
export function sendableText(raw: string, hasAttachments: boolean): string | undefined {
  const text = raw.trim();
  if (text.length > MAX_TEXT) return undefined;
  if (text === '' && !hasAttachments) return undefined;
  return text;
}

/** A room list preview: the sender's name (`You` for the reader) before the text, or what it was. */
export function previewLine(
  last: { senderId: string; preview: string } | null | undefined,
  nameOf: (userId: string) => string,
  myId: string | undefined,
  isDm: boolean,
): string {
  if (!last) return 'No messages yet';
  // an empty preview is a deleted message or one with only attachments
  const body = last.preview === '' ? '(no text)' : last.preview.replace(/\s+/g, ' ');
  if (last.senderId === myId) return `You: ${body}`;
  return isDm ? body : `${nameOf(last.senderId)}: ${body}`;
}
