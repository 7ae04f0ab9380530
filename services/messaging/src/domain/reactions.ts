import {
  maxReactionsPerMessage,
  maxReactionUserIds,
  type ReactionChanged,
  type ReactionSummary,
} from '@chat/events';

export type { ReactionChanged, ReactionSummary };

/**
 * Reactions (API.md "Reactions"): a reaction is one emoji (a single grapheme that is an emoji) or a shortcode
 * `:[a-z0-9_+-]{1,32}:`. A message has at most 20 distinct reactions; each lists up to 100 of its users while its
 * `count` stays exact (the per-user records are the truth: the reactions table in services/messaging/README.md).
 */
export const MAX_DISTINCT_REACTIONS = maxReactionsPerMessage;
export const MAX_LISTED_REACTORS = maxReactionUserIds;
/** Longer than any emoji grapheme (the longest RGI sequences are about 35 UTF-16 units): refused before parsing. */
const MAX_REACTION_LENGTH = 64;

const SHORTCODE = /^:[a-z0-9_+-]{1,32}:$/;
// Built at run time: the `v` flag (Unicode sets and properties of strings) is newer than the compile target.
const RGI_EMOJI = new RegExp('^\\p{RGI_Emoji}$', 'v');
/** A lone pictographic code point (with an optional emoji presentation selector) that RGI does not list. */
const PICTOGRAPH = /^\p{Extended_Pictographic}\uFE0F?$/u;
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

export type ReactionChange = 'added' | 'removed';

function isOneGrapheme(value: string): boolean {
  const iterator = graphemes.segment(value)[Symbol.iterator]();
  return !iterator.next().done && iterator.next().done === true;
}

/** Why `reaction` is not a reaction, or undefined when it is one. */
export function reactionProblem(reaction: string): string | undefined {
  if (reaction.length === 0 || reaction.length > MAX_REACTION_LENGTH || reaction.trim() !== reaction) {
    return 'must be one emoji or a shortcode such as :thumbsup:';
  }
  if (SHORTCODE.test(reaction)) return undefined;
  if (isOneGrapheme(reaction) && (RGI_EMOJI.test(reaction) || PICTOGRAPH.test(reaction))) return undefined;
  return 'must be one emoji or a shortcode such as :thumbsup:';
}

/** What a change does to a message's reactions. */
export type ReactionOutcome =
  /** Nothing to store: the user already has it (add) or does not have it (remove). */
  | { kind: 'unchanged' }
  /** The 21st distinct reaction. */
  | { kind: 'too-many' }
  | { kind: 'changed'; reactions: ReactionSummary[] };

/**
 * The reactions after `userId` adds `reaction`, given whether that user already has it (the per-user record).
 * A new reaction goes last (reactions keep the order they first appeared in).
 */
export function addReaction(
  reactions: readonly ReactionSummary[],
  reaction: string,
  userId: string,
  alreadyHas: boolean,
): ReactionOutcome {
  if (alreadyHas) return { kind: 'unchanged' };
  const existing = reactions.find((r) => r.reaction === reaction);
  if (!existing) {
    if (reactions.length >= MAX_DISTINCT_REACTIONS) return { kind: 'too-many' };
    return { kind: 'changed', reactions: [...reactions, { reaction, count: 1, userIds: [userId] }] };
  }
  const userIds =
    existing.userIds.length < MAX_LISTED_REACTORS && !existing.userIds.includes(userId)
      ? [...existing.userIds, userId]
      : existing.userIds;
  return {
    kind: 'changed',
    reactions: reactions.map((r) => (r === existing ? { reaction, count: r.count + 1, userIds } : r)),
  };
}

/**
 * The reactions after `userId` removes `reaction`. A reaction whose count drops to 0 disappears. When the list
 * of users is shorter than the count allows, `refill` is the number of users to list again (read from the per-user
 * records by the caller), else 0.
 */
export function removeReaction(
  reactions: readonly ReactionSummary[],
  reaction: string,
  userId: string,
  hasIt: boolean,
): ReactionOutcome & { refill?: number } {
  const existing = reactions.find((r) => r.reaction === reaction);
  if (!hasIt || !existing) return { kind: 'unchanged' };
  if (existing.count <= 1) return { kind: 'changed', reactions: reactions.filter((r) => r !== existing) };
  const count = existing.count - 1;
  const userIds = existing.userIds.filter((id) => id !== userId);
  const listable = Math.min(count, MAX_LISTED_REACTORS);
  return {
    kind: 'changed',
    reactions: reactions.map((r) => (r === existing ? { reaction, count, userIds } : r)),
    ...(userIds.length < listable ? { refill: listable } : {}),
  };
}

/** `reactions` with the users of `reaction` listed again as `userIds` (the first ones the records hold). */
export function withReactors(
  reactions: readonly ReactionSummary[],
  reaction: string,
  userIds: readonly string[],
): ReactionSummary[] {
  return reactions.map((r) =>
    r.reaction === reaction ? { ...r, userIds: userIds.slice(0, MAX_LISTED_REACTORS) } : r,
  );
}
