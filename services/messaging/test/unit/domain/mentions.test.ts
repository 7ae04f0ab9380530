import { MAX_MENTIONS_PER_MESSAGE, mentionCandidates, resolveMentions } from '../../../src/domain/mentions';

describe('mentionCandidates', () => {
  it('finds @username tokens lower-cased, distinct, in order of first appearance', () => {
    expect(mentionCandidates('@Bob and @carol, then @bob again')).toEqual(['bob', 'carol']);
  });

  it('does not take an e-mail address for a mention', () => {
    expect(mentionCandidates('write to alice@example.com')).toEqual([]);
  });

  it('treats trailing dots and dashes as punctuation but also tries the name with them', () => {
    expect(mentionCandidates('thanks @bob.')).toEqual(['bob.', 'bob']);
    expect(mentionCandidates('hi @dan-')).toEqual(['dan-', 'dan']);
  });

  it('ignores names that cannot be usernames (too short, too long)', () => {
    expect(mentionCandidates(`@ab @${'x'.repeat(33)} @abc`)).toEqual(['abc']);
  });

  it('accepts mentions inside punctuation', () => {
    expect(mentionCandidates('(@bob) [@carol]')).toEqual(['bob', 'carol']);
  });

  it('looks up at most a bounded number of names', () => {
    const text = Array.from({ length: 30 }, (_, i) => `@user${i}`).join(' ');

    expect(mentionCandidates(text)).toHaveLength(MAX_MENTIONS_PER_MESSAGE);
  });
});

describe('resolveMentions', () => {
  it('keeps the userIds of member names, in text order, once each, and ignores other names', () => {
    const members = new Map([
      ['bob', 'user-bob'],
      ['carol', 'user-carol'],
      ['bobby', 'user-bob'],
    ]);

    expect(resolveMentions(['carol', 'stranger', 'bob', 'bobby'], members)).toEqual([
      'user-carol',
      'user-bob',
    ]);
  });
});
