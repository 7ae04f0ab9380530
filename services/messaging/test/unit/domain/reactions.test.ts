import {
  addReaction,
  MAX_DISTINCT_REACTIONS,
  reactionProblem,
  removeReaction,
  withReactors,
  type ReactionSummary,
} from '../../../src/domain/reactions';

const users = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `u${i + from}`);

describe('reactionProblem', () => {
  it.each(['👍', '👍🏽', '👨‍👩‍👧', '🇯🇵', '#️⃣', '☺️', '🫠', ':tada:', ':+1:', ':a_b-c:'])('accepts %s', (r) => {
    expect(reactionProblem(r)).toBeUndefined();
  });

  it.each(['', 'a', '👍👍', ' 👍', ':UP:', '::', `:${'x'.repeat(33)}:`, '1', '©x', 'x'.repeat(100_000)])(
    'refuses %j',
    (r) => {
      expect(reactionProblem(r)).toEqual(expect.any(String));
    },
  );
});

describe('addReaction', () => {
  it('appends a new reaction and counts further users of an existing one', () => {
    const first = addReaction([], '👍', 'a', false);
    expect(first).toEqual({ kind: 'changed', reactions: [{ reaction: '👍', count: 1, userIds: ['a'] }] });
    const second = addReaction(first.kind === 'changed' ? first.reactions : [], '👍', 'b', false);
    expect(second).toEqual({
      kind: 'changed',
      reactions: [{ reaction: '👍', count: 2, userIds: ['a', 'b'] }],
    });
  });

  it('changes nothing for a user who already has it', () => {
    expect(addReaction([{ reaction: '👍', count: 1, userIds: ['a'] }], '👍', 'a', true)).toEqual({
      kind: 'unchanged',
    });
  });

  it('refuses a 21st distinct reaction but not another user of one of the 20', () => {
    const twenty: ReactionSummary[] = Array.from({ length: MAX_DISTINCT_REACTIONS }, (_, i) => ({
      reaction: `:r${i}:`,
      count: 1,
      userIds: ['a'],
    }));
    expect(addReaction(twenty, ':r20:', 'b', false)).toEqual({ kind: 'too-many' });
    expect(addReaction(twenty, ':r0:', 'b', false).kind).toBe('changed');
  });

  it('lists at most 100 users while the count goes on', () => {
    const full = [{ reaction: '👍', count: 100, userIds: users(100) }];
    expect(addReaction(full, '👍', 'late', false)).toEqual({
      kind: 'changed',
      reactions: [{ reaction: '👍', count: 101, userIds: users(100) }],
    });
  });
});

describe('removeReaction', () => {
  it('drops a reaction whose last user removes it', () => {
    expect(removeReaction([{ reaction: '👍', count: 1, userIds: ['a'] }], '👍', 'a', true)).toEqual({
      kind: 'changed',
      reactions: [],
    });
  });

  it('changes nothing for a user who does not have it', () => {
    expect(removeReaction([{ reaction: '👍', count: 1, userIds: ['a'] }], '👍', 'b', false)).toEqual({
      kind: 'unchanged',
    });
  });

  it('asks for a refill when a listed user leaves a reaction with more users than listed', () => {
    const outcome = removeReaction([{ reaction: '👍', count: 150, userIds: users(100) }], '👍', 'u3', true);
    expect(outcome).toMatchObject({ kind: 'changed', refill: 100 });
    expect(outcome.kind === 'changed' && outcome.reactions[0]?.count).toBe(149);
  });

  it('needs no refill when an unlisted user leaves', () => {
    const outcome = removeReaction([{ reaction: '👍', count: 150, userIds: users(100) }], '👍', 'x', true);
    expect(outcome).toEqual({
      kind: 'changed',
      reactions: [{ reaction: '👍', count: 149, userIds: users(100) }],
    });
  });
});

describe('withReactors', () => {
  it('replaces the listed users of one reaction, at most 100', () => {
    expect(withReactors([{ reaction: '👍', count: 120, userIds: [] }], '👍', users(120))).toEqual([
      { reaction: '👍', count: 120, userIds: users(100) },
    ]);
  });
});
