import { memberRoleSchema, type MemberRole } from '@chat/events';
import { MEMBERSHIP_ATTRIBUTES } from './names';

/** A user's membership of a room, as every reader of the memberships table sees it. */
export interface Membership {
  roomId: string;
  userId: string;
  role: MemberRole;
}

/**
 * The one rule of who is a member: the membership item exists, carries no removal marker (`removalReason`, which
 * rooms writes just before it deletes the item) and has a valid role. Every read of the memberships table applies
 * it, so no reader counts a user whom rooms is removing (or failed to finish removing).
 */
export function activeMembership(item: Record<string, unknown> | undefined): Membership | undefined {
  if (item === undefined || item[MEMBERSHIP_ATTRIBUTES.removalReason] !== undefined) return undefined;
  const roomId = item[MEMBERSHIP_ATTRIBUTES.roomId];
  const userId = item[MEMBERSHIP_ATTRIBUTES.userId];
  const role = memberRoleSchema.safeParse(item[MEMBERSHIP_ATTRIBUTES.role]);
  if (typeof roomId !== 'string' || typeof userId !== 'string' || !role.success) return undefined;
  return { roomId, userId, role: role.data };
}

/** Whether a memberships item (or its absence) counts as a member: see `activeMembership`. */
export function isActiveMembership(item: Record<string, unknown> | undefined): boolean {
  return activeMembership(item) !== undefined;
}
