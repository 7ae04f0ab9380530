import { ValidationError } from '@chat/runtime';
import { parseUserIds } from '../domain/presence';
import { forEachConcurrently } from './concurrency';
import type { MembershipReader, PresenceState, PresenceStore } from './ports';

export interface PresenceItem extends PresenceState {
  userId: string;
}

/** Rooms read per Query, and asked users checked at once. */
const ROOMS_PAGE = 500;
const CHECKS_AT_ONCE = 8;

/** A user's rooms and DMs (the byUser index), a Query page at a time. */
async function* roomPages(memberships: MembershipReader, userId: string): AsyncGenerator<string[]> {
  let after: string | undefined;
  do {
    const page = await memberships.roomsPage(userId, { ...(after && { after }), limit: ROOMS_PAGE });
    yield page.items;
    after = page.next;
  } while (after !== undefined);
}

/** Whether any room of `userId` is in `roomIds`: reads that user's rooms until the first shared one. */
async function hasRoomIn(
  memberships: MembershipReader,
  userId: string,
  roomIds: Set<string>,
): Promise<boolean> {
  for await (const page of roomPages(memberships, userId)) {
    if (page.some((roomId) => roomIds.has(roomId))) return true;
  }
  return false;
}

/**
 * GET /presence?userIds=a,b: the status of 1 to 100 users, in the order asked (duplicates once), for the caller
 * and the users who share a room or DM with the caller; any other id is left out of `items` (whether a stranger
 * is online, or exists, is not the caller's to know). A user never seen online is `offline` with `lastSeenAt:
 * null`. For an online user `lastSeenAt` is when they came online; for an offline one, when they were last
 * connected. Cost: one Query per 500 of the caller's rooms, then per asked user one Query per 500 of theirs
 * until a shared one, then one BatchGetItem per 100 visible users.
 */
export async function getPresence(
  deps: { presence: PresenceStore; memberships: MembershipReader },
  callerId: string,
  rawUserIds: string | undefined,
): Promise<{ items: PresenceItem[] }> {
  const parsed = parseUserIds(rawUserIds);
  if ('problem' in parsed) throw new ValidationError([{ field: 'userIds', message: parsed.problem }]);
  const others = parsed.userIds.filter((userId) => userId !== callerId);
  const visible = new Set(parsed.userIds.filter((userId) => userId === callerId));
  if (others.length > 0) {
    const callerRooms = new Set<string>();
    for await (const page of roomPages(deps.memberships, callerId)) page.forEach((id) => callerRooms.add(id));
    if (callerRooms.size > 0) {
      await forEachConcurrently(others, CHECKS_AT_ONCE, async (userId) => {
        if (await hasRoomIn(deps.memberships, userId, callerRooms)) visible.add(userId);
      });
    }
  }
  const shown = parsed.userIds.filter((userId) => visible.has(userId));
  const states = shown.length === 0 ? new Map<string, PresenceState>() : await deps.presence.statesOf(shown);
  return {
    items: shown.map((userId) => ({
      userId,
      ...(states.get(userId) ?? { status: 'offline', lastSeenAt: null }),
    })),
  };
}
