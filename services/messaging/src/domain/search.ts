import type { Message } from './message';

/**
 * Message search (API.md "Search"; docs/decisions/005-message-search.md). Text is reduced to words: Unicode
 * compatibility decomposition, accents (combining marks) dropped, lower case, split on anything that is not a
 * letter or a digit. A query's words must all be words of the message, the last one as a prefix.
 *
 * The index holds, per message, one term per distinct prefix of 1 to 3 characters of its words (`p:he`) and one
 * per distinct word longer than that (`w:hello`). A query is driven by one term (the most selective it has) and
 * every candidate is checked against the message itself.
 */
export const MAX_QUERY_LENGTH = 100;
/** Results per page: 1–50, default 20. */
export const DEFAULT_SEARCH_PAGE = 20;
export const MAX_SEARCH_PAGE = 50;
export const MAX_QUERY_WORDS = 8;
export const PREFIX_TERM_LENGTH = 3;
/** Words are indexed on at most this many characters (a longer one is still checked in full against the text). */
export const MAX_TERM_LENGTH = 64;

const WORD = /[\p{L}\p{N}]+/gu;
const MARKS = /\p{M}+/gu;

/** The words of `text`, normalized (case, accents, punctuation), in order, repeats kept. */
export function wordsOf(text: string): string[] {
  return text.normalize('NFKD').replace(MARKS, '').toLowerCase().match(WORD) ?? [];
}

/** The index terms of a message's text (distinct; none for an empty text). */
export function termsOf(text: string): string[] {
  const terms = new Set<string>();
  for (const word of new Set(wordsOf(text))) {
    const chars = [...word];
    for (let length = 1; length <= Math.min(chars.length, PREFIX_TERM_LENGTH); length++) {
      terms.add(`p:${chars.slice(0, length).join('')}`);
    }
    if (chars.length > PREFIX_TERM_LENGTH) terms.add(`w:${chars.slice(0, MAX_TERM_LENGTH).join('')}`);
  }
  return [...terms];
}

export interface SearchQuery {
  /** Words that must be words of the message. */
  words: string[];
  /** The last word: some word of the message must start with it. */
  prefix: string;
}

/** The query of `q`, or why it is refused (400 naming `q`). */
export function parseQuery(q: string | undefined): SearchQuery | { problem: string } {
  if (q === undefined || q.trim() === '') return { problem: 'is required' };
  if (q.length > MAX_QUERY_LENGTH) return { problem: `must be at most ${MAX_QUERY_LENGTH} characters` };
  const words = wordsOf(q);
  if (words.length === 0) return { problem: 'must contain at least one word (letters or digits)' };
  if (words.length > MAX_QUERY_WORDS) return { problem: `must have at most ${MAX_QUERY_WORDS} words` };
  return { words: words.slice(0, -1), prefix: words.at(-1) as string };
}

/**
 * The term whose postings a query reads: an exact word term of its longest whole word when it has one longer than
 * the prefix terms, else the longest prefix term it has (from a whole word or the last word). Every message that
 * matches the query has this term.
 */
export function driverTermOf(query: SearchQuery): string {
  const longestWord = [...query.words].sort((a, b) => [...b].length - [...a].length)[0];
  if (longestWord !== undefined && [...longestWord].length > PREFIX_TERM_LENGTH) {
    return `w:${[...longestWord].slice(0, MAX_TERM_LENGTH).join('')}`;
  }
  const candidates = [...query.words, query.prefix].map((w) => [...w].slice(0, PREFIX_TERM_LENGTH).join(''));
  const longest = candidates.sort((a, b) => [...b].length - [...a].length)[0] as string;
  return `p:${longest}`;
}

/** Whether `message` answers `query`: not deleted, every word one of its words, one of its words starting with the prefix. */
export function matches(message: Message, query: SearchQuery): boolean {
  if (message.deletedAt !== undefined) return false;
  const words = new Set(wordsOf(message.text));
  if (!query.words.every((w) => words.has(w))) return false;
  for (const word of words) if (word.startsWith(query.prefix)) return true;
  return false;
}
