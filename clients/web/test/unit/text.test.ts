import {
  completeMention,
  mentionAt,
  mentionCandidates,
  previewLine,
  segments,
  sendableText,
} from '../../src/lib/text';
import { loadSession, saveSession } from '../../src/lib/session-storage';

describe('mentionAt', () => {
  it('finds the @query being typed at the caret', () => {
    expect(mentionAt('hi @ad', 6)).toEqual({ start: 3, query: 'ad' });
    expect(mentionAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionAt('(@Bo', 4)).toEqual({ start: 1, query: 'bo' });
  });

  it('is no mention in an e-mail address, after a space, or away from the @', () => {
    expect(mentionAt('mail ada@example', 16)).toBeUndefined();
    expect(mentionAt('hi @ada there', 13)).toBeUndefined();
    expect(mentionAt('plain text', 5)).toBeUndefined();
  });
});

describe('completeMention', () => {
  it('replaces the query (and the rest of the word) with the username and a space', () => {
    expect(completeMention('hi @ad', 3, 6, 'ada')).toEqual({ text: 'hi @ada ', caret: 8 });
    expect(completeMention('hi @adxx and', 3, 6, 'ada')).toEqual({ text: 'hi @ada and', caret: 8 });
  });
});

describe('mentionCandidates', () => {
  const people = ['bob', 'ada', 'adam', 'grace', 'lada'].map((username) => ({ username }));

  it('lists prefix matches first, then other matches, up to the limit', () => {
    expect(mentionCandidates(people, 'ad').map((p) => p.username)).toEqual(['ada', 'adam', 'lada']);
    expect(mentionCandidates(people, '', 2).map((p) => p.username)).toEqual(['bob', 'ada']);
  });
});

describe('segments', () => {
  const known = new Set(['ada', 'bob.s']);

  it('marks mentions of known users (the reader’s own too) and links; the rest is text', () => {
    expect(segments('hi @ada, see https://example.com/a?b=1. @nobody', known, 'ada')).toEqual([
      { kind: 'text', text: 'hi ' },
      { kind: 'mention', text: '@ada', username: 'ada', me: true },
      { kind: 'text', text: ', see ' },
      { kind: 'link', text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { kind: 'text', text: '. @nobody' },
    ]);
  });

  it('leaves a trailing dot out of a mention and ignores an @ inside a word', () => {
    expect(segments('thanks @bob.s. mail x@ada', known)).toEqual([
      { kind: 'text', text: 'thanks ' },
      { kind: 'mention', text: '@bob.s', username: 'bob.s', me: false },
      { kind: 'text', text: '. mail x@ada' },
    ]);
  });

  it('keeps markup as text (it is rendered as text, never parsed)', () => {
    expect(segments('<img src=x onerror=alert(1)>', known)).toEqual([
      { kind: 'text', text: '<img src=x onerror=alert(1)>' },
    ]);
  });

  it('links only http and https', () => {
    expect(segments('javascript:alert(1) ftp://x', known)).toEqual([
      { kind: 'text', text: 'javascript:alert(1) ftp://x' },
    ]);
  });
});

describe('sendableText', () => {
  it('trims, refuses empty text without attachments and text over 4,000 characters', () => {
    expect(sendableText('  hi \n', false)).toBe('hi');
    expect(sendableText('  ', false)).toBeUndefined();
    expect(sendableText('', true)).toBe('');
    expect(sendableText('x'.repeat(4001), false)).toBeUndefined();
  });
});

describe('previewLine', () => {
  const nameOf = (id: string) => ({ u1: 'ada', u2: 'bob' })[id] ?? 'someone';

  it('names the sender in rooms, You for the reader, nobody in a DM', () => {
    expect(previewLine({ senderId: 'u2', preview: 'hi\nthere' }, nameOf, 'u1', false)).toBe('bob: hi there');
    expect(previewLine({ senderId: 'u1', preview: 'hi' }, nameOf, 'u1', true)).toBe('You: hi');
    expect(previewLine({ senderId: 'u2', preview: 'hi' }, nameOf, 'u1', true)).toBe('hi');
    expect(previewLine(null, nameOf, 'u1', false)).toBe('No messages yet');
    expect(previewLine({ senderId: 'u2', preview: '' }, nameOf, 'u1', false)).toBe('bob: (no text)');
  });
});

describe('the kept session', () => {
  const memory = () => {
    const map = new Map<string, string>();
    return {
      map,
      getItem: (key: string) => map.get(key) ?? null,
      setItem: (key: string, value: string) => void map.set(key, value),
      removeItem: (key: string) => void map.delete(key),
    };
  };
  const session = { userId: 'u1', accessToken: 'a', idToken: 'i', refreshToken: 'r', expiresAt: 1 };

  it('is kept, read back and forgotten', () => {
    const store = memory();
    saveSession(store, session);
    expect(loadSession(store)).toEqual(session);
    saveSession(store, undefined);
    expect(loadSession(store)).toBeUndefined();
  });

  it('is no session when what is stored is not one', () => {
    const store = memory();
    store.setItem('chat.session', '{"userId":"u1"}');
    expect(loadSession(store)).toBeUndefined();
    store.setItem('chat.session', 'not json');
    expect(loadSession(store)).toBeUndefined();
  });
});
