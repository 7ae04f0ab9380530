import type { MemberRole } from '@chat/events';

export type { MemberRole };

/** Only the sender may change a message's text. */
export function mayEdit(actorId: string, senderId: string): boolean {
  return actorId === senderId;
}

/** The sender, or a room owner or admin, may delete a message. */
export function mayDelete(actorId: string, actorRole: MemberRole, senderId: string): boolean {
  return actorId === senderId || actorRole === 'owner' || actorRole === 'admin';
}
