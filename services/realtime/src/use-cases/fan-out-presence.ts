import type { PresenceChanged } from '@chat/events';
import { presenceChangedFrame } from '../domain/server-frames';
import { forEachConcurrently } from './concurrency';
import { deliverToUsers, type DeliveryDependencies } from './deliver';
import { DeliveryIncompleteError, type DeliveryReport } from '../domain/errors';
import type { MembershipReader } from './ports';

/** Bounds of one presence fan-out: presence is advisory, so a very social user reaches the first ones only. */
export interface PresenceBounds {
  /** Rooms of the user looked at (byUser index order: rooms, then DMs). */
  maxRooms: number;
  /** Distinct users told. */
  maxRecipients: number;
  /** Members read per Query. */
  pageSize: number;
}

export const DEFAULT_PRESENCE_BOUNDS: PresenceBounds = { maxRooms: 100, maxRecipients: 1000, pageSize: 500 };

export interface PresenceFanOutResult extends DeliveryReport {
  rooms: number;
  /** True when a bound cut the audience short. */
  truncated: boolean;
}

/** The users who share a room with `userId` (not the user), within the bounds. */
export async function usersSharingARoom(
  memberships: MembershipReader,
  userId: string,
  bounds: PresenceBounds,
): Promise<{ userIds: string[]; rooms: number; truncated: boolean }> {
  const roomIds: string[] = [];
  let after: string | undefined;
  let truncated = false;
  do {
    const page = await memberships.roomsPage(userId, {
      ...(after === undefined ? {} : { after }),
      limit: Math.min(bounds.pageSize, bounds.maxRooms - roomIds.length),
    });
    roomIds.push(...page.items);
    after = page.next;
    if (after !== undefined && roomIds.length >= bounds.maxRooms) truncated = true;
  } while (after !== undefined && roomIds.length < bounds.maxRooms);

  const audience = new Set<string>();
  const full = () => audience.size >= bounds.maxRecipients;
  await forEachConcurrently(roomIds, 5, async (roomId) => {
    let cursor: string | undefined;
    do {
      if (full()) {
        truncated = true;
        return;
      }
      const page = await memberships.membersPage(roomId, {
        ...(cursor === undefined ? {} : { after: cursor }),
        limit: bounds.pageSize,
      });
      for (const member of page.items) {
        if (member === userId || audience.has(member)) continue;
        if (full()) {
          truncated = true;
          return;
        }
        audience.add(member);
      }
      cursor = page.next;
    } while (cursor !== undefined);
  });
  return { userIds: [...audience], rooms: roomIds.length, truncated };
}

/** PresenceChanged → `presence.changed` to the open connections of the users who share a room with that user. */
export async function fanOutPresence(
  deps: DeliveryDependencies & { memberships: MembershipReader; bounds: PresenceBounds },
  change: PresenceChanged,
  eventId: string,
): Promise<PresenceFanOutResult> {
  const audience = await usersSharingARoom(deps.memberships, change.userId, deps.bounds);
  const report = await deliverToUsers(deps, audience.userIds, presenceChangedFrame(change, eventId));
  if (report.failed > 0) throw new DeliveryIncompleteError(report);
  return { ...report, rooms: audience.rooms, truncated: audience.truncated };
}
