import type { Role } from './membership';

/** A ban of a user from a room (the bans table): refused joins and invitations until it is lifted. */
export interface BanRecord {
  roomId: string;
  userId: string;
  bannedBy: string;
  /** The reason given by the owner or admin; null when none was given. */
  reason: string | null;
  createdAt: string;
}

/** API shape of a ban: `{userId, bannedBy, reason, createdAt}`. */
export interface Ban {
  userId: string;
  bannedBy: string;
  reason: string | null;
  createdAt: string;
}

export function toBan(record: BanRecord): Ban {
  return {
    userId: record.userId,
    bannedBy: record.bannedBy,
    reason: record.reason,
    createdAt: record.createdAt,
  };
}

/**
 * Who may ban whom: the owner bans admins, members and non-members; an admin bans members and non-members;
 * nobody bans the owner (`target` undefined: the user is not in the room, a pre-emptive ban).
 */
export function canBan(actor: Role, target: Role | undefined): boolean {
  if (actor !== 'owner' && actor !== 'admin') return false;
  if (target === 'owner') return false;
  if (target === 'admin') return actor === 'owner';
  return true;
}
