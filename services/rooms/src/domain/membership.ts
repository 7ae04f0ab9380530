import type { MemberRole } from '@chat/events';
import type { RoomKind } from './room';

export type Role = MemberRole;

/** Why a membership ended: the member left, or an owner/admin removed them. */
export type RemovalReason = 'left' | 'kicked';

/** A membership as the service stores it (the memberships table, read by other services too). */
export interface MemberRecord {
  roomId: string;
  userId: string;
  username: string;
  role: Role;
  joinedAt: string;
  roomKind: RoomKind;
}

/** API.md's `Member`, plus the member's username (an additive field: mentions and member lists need it). */
export interface Member {
  roomId: string;
  userId: string;
  username: string;
  role: Role;
  joinedAt: string;
}

export function toMember(record: MemberRecord): Member {
  return {
    roomId: record.roomId,
    userId: record.userId,
    username: record.username,
    role: record.role,
    joinedAt: record.joinedAt,
  };
}

/** Renaming, changing the topic and adding people: the owner and admins. */
export function canManageRoom(role: Role): boolean {
  return role === 'owner' || role === 'admin';
}

/** The owner removes admins and members; an admin removes members; nobody removes the owner. */
export function canRemove(actor: Role, target: Role): boolean {
  if (target === 'owner') return false;
  if (actor === 'owner') return true;
  return actor === 'admin' && target === 'member';
}

/** Only the owner appoints and demotes admins. */
export function canChangeRoles(actor: Role): boolean {
  return actor === 'owner';
}

const rank: Record<Role, number> = { owner: 0, admin: 1, member: 2 };

/**
 * The sort key of the memberships table's `bySeniority` index: role rank, then join time, then user id.
 * In ascending order the owner comes first, then admins, then members, each longest-standing first, so the
 * successor of a leaving owner is the first entry after the owner's.
 */
export function seniorityKey(member: Pick<MemberRecord, 'role' | 'joinedAt' | 'userId'>): string {
  return `${rank[member.role]}#${member.joinedAt}#${member.userId}`;
}

/** Where the non-owner entries of `bySeniority` begin (a successor is looked up from here). */
export const SUCCESSOR_SENIORITY_FROM = `${rank.admin}#`;
