import type { MessageDeleted } from '@chat/events';
import type { Message } from './message';
import type { ReactionChanged } from './reactions';

/** What a change of a stored message means for the outside world (the event the outbox publishes). */
export type MessageChange =
  | { kind: 'sent'; message: Message }
  | { kind: 'edited'; message: Message & { editedAt: string } }
  | { kind: 'deleted'; roomId: string; messageId: string; deletedAt: string; version?: number }
  | { kind: 'reacted'; reaction: ReactionChanged; at: string };

/** A reaction change as the item records it: who, what, which way, the version it took and when. */
export interface RecordedReaction {
  userId: string;
  reaction: string;
  change: ReactionChanged['change'];
  version: number;
  at: string;
}

/** When the change happened: the time the write stored (so a replayed record yields the same event). */
export function occurredAtOf(change: MessageChange): string {
  switch (change.kind) {
    case 'sent':
      return change.message.createdAt;
    case 'edited':
      return change.message.editedAt;
    case 'deleted':
      return change.deletedAt;
    case 'reacted':
      return change.at;
  }
}

/**
 * Classifies one write of the messages table from its images: a new message is `sent`; a message that gains
 * `deletedAt` is `deleted`; one whose `editedAt` changes (and is not deleted) is `edited`; one whose version was
 * taken by the reaction change it records (`reaction`, absent when the version was taken otherwise) is `reacted`.
 * Anything else (a removal, a thread summary, a rewrite that changes none of these) yields undefined.
 */
export function messageChangeOf(
  before: Message | undefined,
  after: Message | undefined,
  reaction?: RecordedReaction,
): MessageChange | undefined {
  if (after === undefined) return undefined;
  if (before !== undefined && reaction !== undefined && before.version !== after.version) {
    const { userId, reaction: emoji, change, version, at } = reaction;
    const { roomId, messageId } = after;
    return {
      kind: 'reacted',
      at,
      reaction: {
        roomId,
        messageId,
        userId,
        reaction: emoji,
        change,
        version,
        reactions: after.reactions ?? [],
      },
    };
  }
  if (before === undefined) return { kind: 'sent', message: after };
  if (after.deletedAt !== undefined) {
    if (before.deletedAt !== undefined) return undefined;
    const { roomId, messageId, deletedAt, version } = after;
    return { kind: 'deleted', roomId, messageId, deletedAt, ...(version === undefined ? {} : { version }) };
  }
  if (after.editedAt !== undefined && after.editedAt !== before.editedAt) {
    return { kind: 'edited', message: { ...after, editedAt: after.editedAt } };
  }
  return undefined;
}

/** MessageDeleted's data: the message's keys and the room version the delete took. */
export function deletedEventData(change: Extract<MessageChange, { kind: 'deleted' }>): MessageDeleted {
  const { roomId, messageId, version } = change;
  return { roomId, messageId, ...(version === undefined ? {} : { version }) };
}
