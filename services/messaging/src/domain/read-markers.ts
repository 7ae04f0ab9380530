import * as z from 'zod';
import { ID_RULE, isId } from '@chat/runtime';

/** Per user and room: the last message read, and where that message stands in the room's order. */
export interface ReadMarker {
  roomId: string;
  userId: string;
  lastReadMessageId: string;
  /** The `seq` of that message; null while messages are stored without one. */
  lastReadSeq: number | null;
  /** When the marker last moved. */
  readAt: string;
}

/** Where a marker is asked to move: a message of the room, with its `seq` when it has one. */
export interface ReadPosition {
  messageId: string;
  seq: number | null;
}

/** `GET /unread?roomIds=`: at most this many rooms in one call. */
export const MAX_UNREAD_ROOMS = 100;
/** `GET /rooms/{roomId}/receipts`: page size bounds. */
export const RECEIPTS_DEFAULT_LIMIT = 50;
export const RECEIPTS_MAX_LIMIT = 100;

/**
 * The `roomIds` query parameter of `GET /unread`: 1 to MAX_UNREAD_ROOMS comma-separated room ids, each a valid
 * id; duplicates count once, order is kept.
 */
export function parseRoomIds(raw: string | undefined): { roomIds: string[] } | { problem: string } {
  if (raw === undefined || raw.trim() === '') {
    return { problem: `Required: 1 to ${MAX_UNREAD_ROOMS} comma-separated room ids` };
  }
  const ids = raw.split(',').map((id) => id.trim());
  if (ids.some((id) => !isId(id))) {
    return { problem: `Each room id must be ${ID_RULE}` };
  }
  const unique = [...new Set(ids)];
  if (unique.length > MAX_UNREAD_ROOMS) return { problem: `At most ${MAX_UNREAD_ROOMS} room ids` };
  return { roomIds: unique };
}

/** The `seq` of a message when it carries one (messages stored before room versions have none). */
export function seqOf(message: object): number | null {
  const seq = (message as { seq?: unknown }).seq;
  return typeof seq === 'number' && Number.isSafeInteger(seq) && seq > 0 ? seq : null;
}

const markerItemSchema = z.object({
  roomId: z.string().min(1),
  userId: z.string().min(1),
  lastReadMessageId: z.string().min(1),
  lastReadSeq: z.number().int().positive().optional(),
  updatedAt: z.string().min(1),
  correlationId: z.string().optional(),
});

/** A stored marker item (from GetItem, Query or a stream image) read back; malformed items fail loudly. */
export function markerOfItem(item: Record<string, unknown>): ReadMarker & { correlationId?: string } {
  const parsed = markerItemSchema.safeParse(item);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(item)'}: ${i.message}`).join('; ');
    throw new Error(`malformed read marker item: ${issues}`);
  }
  const { lastReadSeq, updatedAt, correlationId, ...marker } = parsed.data;
  return {
    ...marker,
    lastReadSeq: lastReadSeq ?? null,
    readAt: updatedAt,
    ...(correlationId === undefined ? {} : { correlationId }),
  };
}

/**
 * What a write of the read-markers table means: the marker moved (a new marker, or another message than
 * before) → the marker as it is now; a rewrite to the same message or a removal → undefined.
 */
export function movedMarkerOf(
  before: ReadMarker | undefined,
  after: ReadMarker | undefined,
): ReadMarker | undefined {
  if (after === undefined) return undefined;
  if (before !== undefined && before.lastReadMessageId === after.lastReadMessageId) return undefined;
  return after;
}
