import { maxThreadParticipantIds, type ThreadSummary } from '@chat/events';
import type { Message } from './message';

export type { ThreadSummary };

/**
 * Threads (API.md "Threads"): a reply is a Message with `threadId`, the messageId of a top-level, not deleted
 * message of the same room. The parent's `thread` summary is kept by a projection (eventually consistent; it takes
 * no room version): how many replies it has had, the time of the latest, and the first 10 distinct repliers.
 */
export const MAX_PARTICIPANT_IDS = maxThreadParticipantIds;

/** Why `parent` (the message `threadId` names, if any) cannot take a reply, or undefined when it can. */
export function threadParentProblem(parent: Message | undefined): string | undefined {
  if (!parent) return 'is not a message of this room';
  if (parent.threadId !== undefined) return 'is a reply: replies go to the top-level message of the thread';
  if (parent.deletedAt !== undefined) return 'is a deleted message';
  return undefined;
}

/** The parent's summary once `reply` is counted. */
export function withReply(summary: ThreadSummary | undefined, reply: Message): ThreadSummary {
  if (!summary) {
    return { replyCount: 1, lastReplyAt: reply.createdAt, participantIds: [reply.senderId] };
  }
  const participantIds =
    summary.participantIds.includes(reply.senderId) || summary.participantIds.length >= MAX_PARTICIPANT_IDS
      ? summary.participantIds
      : [...summary.participantIds, reply.senderId];
  return {
    replyCount: summary.replyCount + 1,
    lastReplyAt: reply.createdAt > summary.lastReplyAt ? reply.createdAt : summary.lastReplyAt,
    participantIds,
  };
}
