import { isDeleted, type Message } from '../domain/message';
import {
  addReaction,
  MAX_DISTINCT_REACTIONS,
  reactionProblem,
  removeReaction,
  withReactors,
  type ReactionChange,
  type ReactionOutcome,
} from '../domain/reactions';
import {
  invalidField,
  MessageDeletedError,
  MessageNotFoundError,
  TooManyReactionsError,
} from '../domain/errors';
import { requireAllowance } from './limits';
import { requireMember } from './membership';
import type { MessageKey, MessagingDependencies } from './ports';

export interface ChangeReactionInput {
  roomId: string;
  messageId: string;
  userId: string;
  reaction: string;
  change: ReactionChange;
  correlationId: string;
}

/**
 * Each round reads the message and the user's record and tries one transaction; a round is lost only when another
 * change of this message (or the same user's copy of this request) was stored in between, so every round has a
 * winner and n concurrent reactions to one message need at most n rounds.
 */
const MAX_ROUNDS = 60;

type Deps = Pick<MessagingDependencies, 'clock' | 'memberships' | 'messages' | 'limits'>;

async function decide(
  deps: Pick<Deps, 'messages'>,
  key: MessageKey,
  input: ChangeReactionInput,
): Promise<{ outcome: ReactionOutcome; current: Message }> {
  const [current, hasIt] = await Promise.all([
    deps.messages.get(key.roomId, key.messageId),
    deps.messages.hasReaction(key, input.reaction, input.userId),
  ]);
  if (!current) throw new MessageNotFoundError();
  if (isDeleted(current)) throw new MessageDeletedError();
  const reactions = current.reactions ?? [];
  if (input.change === 'added') {
    return { outcome: addReaction(reactions, input.reaction, input.userId, hasIt), current };
  }
  const removal = removeReaction(reactions, input.reaction, input.userId, hasIt);
  if (removal.kind !== 'changed' || removal.refill === undefined) return { outcome: removal, current };
  // The user list fell below what the count allows: list again the first users the records hold.
  const others = (await deps.messages.reactors(key, input.reaction, removal.refill + 1)).filter(
    (id) => id !== input.userId,
  );
  return {
    outcome: { kind: 'changed', reactions: withReactors(removal.reactions, input.reaction, others) },
    current,
  };
}

/**
 * A member adds or removes a reaction of a message (PUT / DELETE …/reactions/{reaction}), idempotently: adding
 * one the user already has, or removing one they do not have, stores nothing and takes no version. Every real
 * change takes the room's next version in the same transaction as the user's record and the message's
 * reactions. 400 for a reaction that is neither one emoji nor a shortcode, 404 for a non-member or an unknown
 * message, 409 for a tombstone or a 21st distinct reaction.
 */
export async function changeReaction(deps: Deps, input: ChangeReactionInput): Promise<void> {
  const problem = reactionProblem(input.reaction);
  if (problem) throw invalidField('reaction', problem);
  await requireMember(deps.memberships, input.roomId, input.userId);
  // Every request counts, also one that changes nothing (a repeated add): each costs reads and a decision.
  await requireAllowance(deps.limits, 'reaction', input.userId);
  await storeReactionChange(deps, input);
}

/**
 * The change itself, decided again until stored (no membership check: the caller did it, or the account-closing
 * erasure removes a former member's reactions). MessageNotFoundError / MessageDeletedError when the message is
 * gone or a tombstone.
 */
export async function storeReactionChange(
  deps: Pick<Deps, 'clock' | 'messages'>,
  input: ChangeReactionInput,
): Promise<void> {
  const key = { roomId: input.roomId, messageId: input.messageId };
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    const { outcome, current } = await decide(deps, key, input);
    if (outcome.kind === 'unchanged') return;
    if (outcome.kind === 'too-many') throw new TooManyReactionsError(MAX_DISTINCT_REACTIONS);
    const stored = await deps.messages.react(
      current,
      {
        userId: input.userId,
        reaction: input.reaction,
        change: input.change,
        reactions: outcome.reactions,
        at: deps.clock.now().toISOString(),
      },
      { correlationId: input.correlationId },
    );
    if (stored !== 'stale') return;
  }
  throw new Error(`reaction on ${input.messageId} not stored after ${MAX_ROUNDS} rounds`);
}
