import { decodeCursor, encodeCursor, forEachConcurrently, ValidationError } from '@chat/runtime';
import * as z from 'zod';
import { invalidField } from '../domain/errors';
import { parseRoomIds, seqOf, type ReadMarker } from '../domain/read-markers';
import { requireMember } from './membership';
import type { MessagingDependencies } from './ports';

/** Unread counts stop here: a client shows "99+"-style badges, and the count stays a bounded Query. */
export const UNREAD_COUNT_CAP = 100;
/** Rooms counted at once by `GET /unread` (each count is up to 10 Query pages). */
export const UNREAD_ROOMS_CONCURRENCY = 10;

export interface UnreadSummary {
  count: number;
  lastReadMessageId: string | null;
  /** True when there are at least `count` unread messages (counting stopped at the cap). */
  capped: boolean;
}

/**
 * A member marks a message of the room as read; the marker never moves back to an older message (by `seq` when
 * the message has one). The marker's move reaches the room through the read-markers table's stream
 * (ReadMarkerMoved → realtime's read.updated frames).
 */
export async function markRead(
  deps: Pick<MessagingDependencies, 'clock' | 'memberships' | 'messages' | 'readMarkers'>,
  input: { roomId: string; userId: string; messageId: string; correlationId: string },
): Promise<{ moved: boolean }> {
  await requireMember(deps.memberships, input.roomId, input.userId);
  const message = await deps.messages.get(input.roomId, input.messageId);
  if (!message) throw invalidField('messageId', 'is not a message of this room');
  const moved = await deps.readMarkers.advance(
    input.userId,
    input.roomId,
    { messageId: input.messageId, seq: seqOf(message) },
    deps.clock.now(),
    { correlationId: input.correlationId },
  );
  return { moved };
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
  return summaryOf(deps, input.roomId, input.userId, marker);
}

async function summaryOf(
  deps: Pick<MessagingDependencies, 'messages'>,
  roomId: string,
  userId: string,
  marker: string | undefined,
): Promise<UnreadSummary> {
  const { count, capped } = await deps.messages.countAfter(roomId, marker, userId, UNREAD_COUNT_CAP);
  return { count, lastReadMessageId: marker ?? null, capped };
}

export interface RoomUnread extends UnreadSummary {
  roomId: string;
}

/**
 * `GET /unread?roomIds=a,b`: the badges of up to 100 rooms in one call, each counted like `countUnread`. The
 * markers come in one batch read; memberships and counts run UNREAD_ROOMS_CONCURRENCY rooms at a time. Rooms the
 * caller is not in are left out (not an error: a room list may be a little stale), the others in the order asked.
 */
export async function countUnreadOfRooms(
  deps: Pick<MessagingDependencies, 'memberships' | 'messages' | 'readMarkers'>,
  input: { userId: string; roomIds: string | undefined },
): Promise<{ items: RoomUnread[] }> {
  const parsed = parseRoomIds(input.roomIds);
  if ('problem' in parsed) throw new ValidationError([{ field: 'roomIds', message: parsed.problem }]);
  const markers = await deps.readMarkers.getMany(input.userId, parsed.roomIds);
  const found = new Map<string, RoomUnread>();
  await forEachConcurrently(parsed.roomIds, UNREAD_ROOMS_CONCURRENCY, async (roomId) => {
    if (!(await deps.memberships.membershipOf(roomId, input.userId))) return;
    found.set(roomId, { roomId, ...(await summaryOf(deps, roomId, input.userId, markers.get(roomId))) });
  });
  return { items: parsed.roomIds.flatMap((roomId) => found.get(roomId) ?? []) };
}

export interface Receipt {
  userId: string;
  lastReadMessageId: string;
  lastReadSeq: number | null;
  readAt: string;
}

/** `{u: userId}` of the last marker of a receipts page. */
const receiptsCursorSchema = z.strictObject({ u: z.string().min(1).max(256) });

/**
 * `GET /rooms/{roomId}/receipts` (members only): a page of the room's read markers in userId order. Markers of
 * users who are no longer members are left out, so a page may hold fewer than `limit` items while `nextCursor`
 * says more remain.
 */
export async function listReceipts(
  deps: Pick<MessagingDependencies, 'memberships' | 'readMarkers'>,
  input: { roomId: string; userId: string; limit: number; cursor?: string },
): Promise<{ items: Receipt[]; nextCursor: string | null }> {
  const after = input.cursor === undefined ? undefined : decodeCursor(input.cursor, receiptsCursorSchema).u;
  await requireMember(deps.memberships, input.roomId, input.userId);
  const page = await deps.readMarkers.ofRoom(input.roomId, input.limit, after);
  const current = new Set<string>();
  await forEachConcurrently(page.items, UNREAD_ROOMS_CONCURRENCY, async (marker) => {
    if (await deps.memberships.membershipOf(input.roomId, marker.userId)) current.add(marker.userId);
  });
  return {
    items: page.items.filter((marker) => current.has(marker.userId)).map(receiptOf),
    nextCursor: page.next === undefined ? null : encodeCursor({ u: page.next }),
  };
}

const receiptOf = ({ userId, lastReadMessageId, lastReadSeq, readAt }: ReadMarker): Receipt => ({
  userId,
  lastReadMessageId,
  lastReadSeq,
  readAt,
});
