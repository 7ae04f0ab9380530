import { mentionCandidates, resolveMentions } from '../domain/mentions';
import { RoomNotFoundError } from '../domain/errors';
import type { Membership, MembershipReader } from './ports';

/** The caller's membership of the room, or RoomNotFoundError (404) for a non-member. */
export async function requireMember(
  memberships: MembershipReader,
  roomId: string,
  userId: string,
): Promise<Membership> {
  const membership = await memberships.membershipOf(roomId, userId);
  if (!membership) throw new RoomNotFoundError();
  return membership;
}

/** The userIds of the room's members that `text` mentions (`@username`), in order of appearance. */
export async function mentionedMembers(
  memberships: MembershipReader,
  roomId: string,
  text: string,
): Promise<string[]> {
  const candidates = mentionCandidates(text);
  if (candidates.length === 0) return [];
  return resolveMentions(candidates, await memberships.membersByUsername(roomId, candidates));
}
