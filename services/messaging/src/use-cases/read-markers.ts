import { invalidField } from '../domain/errors';
import { requireMember } from './membership';
import type { MessagingDependencies } from './ports';

/** Unread counts stop here: a client shows "99+"-style badges, and the count stays a bounded Query. */
export const UNREAD_COUNT_CAP = 100;

export interface UnreadSummary {
  count: number;
  lastReadMessageId: string | null;
  /** True when there are at least `count` unread messages (counting stopped at the cap). */
  capped: boolean;
}

/** A member marks a message of the room as read; the marker never moves back to an older message. */
export async function markRead(
  deps: Pick<MessagingDependencies, 'clock' | 'memberships' | 'messages' | 'readMarkers'>,
  input: { roomId: string; userId: string; messageId: string },
): Promise<void> {
  await requireMember(deps.memberships, input.roomId, input.userId);
  const message = await deps.messages.get(input.roomId, input.messageId);
  if (!message) throw invalidField('messageId', 'is not a message of this room');
  await deps.readMarkers.advance(input.userId, input.roomId, input.messageId, deps.clock.now());
}

/**
 * How many messages of the room came after the caller's read marker (all of them without one), not counting
 * the caller's own messages or deleted ones; at most UNREAD_COUNT_CAP.
 */
export async function countUnread(
  deps: Pick<MessagingDependencies, 'memberships' | 'messages' | 'readMarkers'>,
  input: { roomId: string; userId: string },
): Promise<UnreadSummary> {
  await requireMember(deps.memberships, input.roomId, input.userId);
  const marker = await deps.readMarkers.get(input.userId, input.roomId);
  const { count, capped } = await deps.messages.countAfter(
    input.roomId,
    marker,
    input.userId,
    UNREAD_COUNT_CAP,
  );
  return { count, lastReadMessageId: marker ?? null, capped };
}
