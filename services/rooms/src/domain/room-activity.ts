/**
 * The room list's "last message": a projection of messaging's MessageSent / MessageEdited / MessageDeleted
 * events. Events arrive at least once and in any order, so each is applied by `applyMessageActivity`, a pure
 * function of the stored state and the event that only ever moves forward: a message replaces the last one only
 * when it is newer, a later revision of the last message replaces its preview, and a delete wins for good.
 */

/** `lastMessage` of `GET /rooms/mine` (API.md "Order, versions and catch-up"). */
export interface LastMessage {
  messageId: string;
  /** The message's room order; null while messages are published without one. */
  seq: number | null;
  senderId: string;
  /** The first PREVIEW_LENGTH characters of the text; "" for a tombstone. */
  preview: string;
  createdAt: string;
}

/** What the projection keeps per room. */
export interface RoomActivity {
  roomId: string;
  /** Null while only deletes of messages not seen yet have arrived. */
  lastMessage: LastMessage | null;
  /** The last message's `createdAt`: a room's activity is its newest message. */
  lastActivityAt: string | null;
  /** The time of the revision of the last message the preview shows (its createdAt or editedAt). */
  revisedAt: string;
  /** The last message was deleted: no later edit brings its text back. */
  deleted: boolean;
  /**
   * Deletes that arrived before the message they delete (ids newer than the last message): when that message
   * arrives it shows as a tombstone. At most MAX_PENDING_DELETES, pruned as the last message moves on.
   */
  pendingDeletes: string[];
}

export const PREVIEW_LENGTH = 140;
export const MAX_PENDING_DELETES = 20;

/** A message as its events carry it (MessageSent, MessageEdited). */
export interface MessageSnapshot {
  roomId: string;
  messageId: string;
  senderId: string;
  text: string;
  createdAt: string;
  seq: number | null;
  editedAt?: string;
  deletedAt?: string;
}

export type MessageActivity =
  | { kind: 'sent' | 'edited'; message: MessageSnapshot }
  | { kind: 'deleted'; roomId: string; messageId: string };

/** The first PREVIEW_LENGTH characters (code points, so an emoji is never cut in half). */
export function previewOf(text: string): string {
  return [...text].slice(0, PREVIEW_LENGTH).join('');
}

/**
 * Whether message `a` comes after message `b` in the room: by `seq` when both have one (the room's real order),
 * else by `createdAt` then messageId (what messages without seq have).
 */
export function comesAfter(
  a: Pick<MessageSnapshot, 'seq' | 'createdAt' | 'messageId'>,
  b: Pick<LastMessage, 'seq' | 'createdAt' | 'messageId'>,
): boolean {
  if (a.seq !== null && b.seq !== null) return a.seq > b.seq;
  if (a.createdAt !== b.createdAt) return a.createdAt > b.createdAt;
  return a.messageId > b.messageId;
}

function asLast(message: MessageSnapshot, pendingDeletes: readonly string[]): RoomActivity {
  const deleted = message.deletedAt !== undefined || pendingDeletes.includes(message.messageId);
  return {
    roomId: message.roomId,
    lastMessage: {
      messageId: message.messageId,
      seq: message.seq,
      senderId: message.senderId,
      preview: deleted ? '' : previewOf(message.text),
      createdAt: message.createdAt,
    },
    lastActivityAt: message.createdAt,
    revisedAt: message.editedAt ?? message.createdAt,
    deleted,
    // Only deletes of messages still ahead of the new last one can matter.
    pendingDeletes: pendingDeletes.filter((id) => id > message.messageId).slice(-MAX_PENDING_DELETES),
  };
}

/**
 * What one guarded write can do without reading the room's state first: the state it writes (`next`) and, as
 * `applies`, the states it may be written over. For those states `next` is exactly what `applyMessageActivity`
 * gives (unit-tested over every state a sequence of events reaches); the store encodes `applies` as the write's
 * condition, so a refused write means the rule must look at the stored state (usually: nothing changes).
 *
 * - `message` (MessageSent, MessageEdited): the message becomes, or is a later revision of, the last message.
 *   It applies to no state at all, or to one without pending deletes whose last message is older than this one
 *   (`comesAfter`), or is this message, not deleted, at an earlier revision (or this copy is its delete).
 * - `tombstone` (MessageDeleted): the last message is this one and not deleted yet; it becomes a tombstone.
 *
 * What it cannot express is left to the read-apply-save path: deletes of messages not seen yet (the sorted,
 * capped `pendingDeletes`), messages or edits while deletes are pending (pruning, tombstones on arrival), and the
 * `seq` a later copy of the last message's event fills in.
 */
export type ActivityShortcut =
  | { kind: 'message'; message: MessageSnapshot; next: RoomActivity }
  | { kind: 'tombstone'; roomId: string; messageId: string };

export function shortcutOf(activity: MessageActivity): ActivityShortcut {
  if (activity.kind === 'deleted') {
    return { kind: 'tombstone', roomId: activity.roomId, messageId: activity.messageId };
  }
  return { kind: 'message', message: activity.message, next: asLast(activity.message, []) };
}

/** Whether `shortcut` may be written over `current` (the store's condition, as a pure predicate). */
export function shortcutApplies(current: RoomActivity | undefined, shortcut: ActivityShortcut): boolean {
  const last = current?.lastMessage ?? null;
  if (shortcut.kind === 'tombstone') {
    return current !== undefined && last?.messageId === shortcut.messageId && !current.deleted;
  }
  if (current === undefined) return true;
  if (last === null || current.pendingDeletes.length > 0) return false;
  const { message, next } = shortcut;
  if (last.messageId !== message.messageId) return comesAfter(message, last);
  return !current.deleted && (message.deletedAt !== undefined || next.revisedAt > current.revisedAt);
}

/** The state `shortcut` leaves when it applies to `current` (what the store's guarded write does). */
export function appliedShortcut(current: RoomActivity | undefined, shortcut: ActivityShortcut): RoomActivity {
  if (shortcut.kind === 'message') return shortcut.next;
  if (current?.lastMessage == null) throw new Error('a tombstone applies only to a last message');
  return { ...current, deleted: true, lastMessage: { ...current.lastMessage, preview: '' } };
}

/** The state after `activity`, or undefined when it changes nothing (an older message, a replay). */
export function applyMessageActivity(
  current: RoomActivity | undefined,
  activity: MessageActivity,
): RoomActivity | undefined {
  const last = current?.lastMessage ?? null;
  const pending = current?.pendingDeletes ?? [];
  if (activity.kind === 'deleted') {
    if (current !== undefined && last?.messageId === activity.messageId) {
      return current.deleted
        ? undefined
        : { ...current, deleted: true, lastMessage: { ...last, preview: '' } };
    }
    // A delete of a message not seen yet (it may be ahead of the last one): remembered for when it comes.
    if ((last !== null && activity.messageId <= last.messageId) || pending.includes(activity.messageId)) {
      return undefined;
    }
    return {
      roomId: activity.roomId,
      lastMessage: last,
      lastActivityAt: current?.lastActivityAt ?? null,
      revisedAt: current?.revisedAt ?? '',
      deleted: current?.deleted ?? false,
      pendingDeletes: [...pending, activity.messageId].sort().slice(-MAX_PENDING_DELETES),
    };
  }
  const { message } = activity;
  if (current === undefined || last === null) return asLast(message, pending);
  if (last.messageId !== message.messageId) {
    return comesAfter(message, last) ? asLast(message, pending) : undefined;
  }
  // Another revision of the last message: a later edit, the delete, or the first copy with a seq.
  if (current.deleted) return undefined;
  const revisedAt = message.editedAt ?? message.createdAt;
  if (message.deletedAt !== undefined || revisedAt > current.revisedAt) return asLast(message, pending);
  if (last.seq === null && message.seq !== null) {
    return { ...current, lastMessage: { ...last, seq: message.seq } };
  }
  return undefined;
}

/** The `seq` of a message event when it carries one (events of messages stored before room versions do not). */
function seqOf(message: object): number | null {
  const seq = (message as { seq?: unknown }).seq;
  return typeof seq === 'number' && Number.isSafeInteger(seq) && seq > 0 ? seq : null;
}

/** What a message event (by detail-type) means for the projection. */
export function messageActivityOf(
  eventType: string,
  data: { roomId: string; messageId: string } & Partial<Omit<MessageSnapshot, 'seq'>>,
): MessageActivity {
  if (eventType === 'MessageDeleted') {
    return { kind: 'deleted', roomId: data.roomId, messageId: data.messageId };
  }
  const { senderId, text, createdAt } = data;
  if (senderId === undefined || text === undefined || createdAt === undefined) {
    throw new Error(`${eventType} of ${data.messageId} carries no message`);
  }
  return {
    kind: eventType === 'MessageEdited' ? 'edited' : 'sent',
    message: {
      roomId: data.roomId,
      messageId: data.messageId,
      senderId,
      text,
      createdAt,
      seq: seqOf(data),
      ...(data.editedAt === undefined ? {} : { editedAt: data.editedAt }),
      ...(data.deletedAt === undefined ? {} : { deletedAt: data.deletedAt }),
    },
  };
}
