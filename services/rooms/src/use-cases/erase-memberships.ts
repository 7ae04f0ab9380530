import { ConcurrentChangeError } from '../domain/errors';
import type { RoomsDependencies, WriteContext } from './ports';
import { MAX_REMOVAL_ATTEMPTS, ownerDepartureOf } from './remove-member';

type Deps = Pick<RoomsDependencies, 'rooms' | 'users' | 'clock'>;

/** Memberships read per index page. */
export const MEMBERSHIP_PAGE_SIZE = 25;

/** Removes one membership of a closed account as a leave: an owner hands over (or archives) as on leave. */
async function leaveForGood(
  deps: Deps,
  roomId: string,
  userId: string,
  context: WriteContext,
): Promise<boolean> {
  for (let i = 0; i < MAX_REMOVAL_ATTEMPTS; i += 1) {
    const member = await deps.rooms.getMember(roomId, userId);
    if (!member) return false;
    const ownerDeparture = await ownerDepartureOf(deps, member);
    const outcome = await deps.rooms.removeMember(
      {
        roomId,
        userId,
        removedBy: userId,
        reason: 'left',
        expectedRole: member.role,
        ...(ownerDeparture ? { ownerDeparture } : {}),
        at: deps.clock.now(),
      },
      context,
    );
    if (outcome !== 'changed') return outcome === 'removed';
  }
  throw new ConcurrentChangeError();
}

/**
 * rooms' step of the UserDeleted saga: the user is forgotten first (no one can invite them any more), then every
 * membership (rooms and DMs alike) is removed as a leave, with the owner's hand-over to the longest-standing
 * admin (else member) or the archiving of a room left empty, exactly as `DELETE …/members/me` does. Each
 * removal publishes UserLeft (`left`). Idempotent: what is gone is skipped, so a re-run finishes the job.
 */
export async function eraseMemberships(deps: Deps, userId: string, context: WriteContext): Promise<number> {
  await deps.users.forget(userId);
  let removed = 0;
  let after: string | undefined;
  do {
    const page = await deps.rooms.membershipsOf(userId, MEMBERSHIP_PAGE_SIZE, after);
    for (const membership of page.items) {
      if (await leaveForGood(deps, membership.roomId, userId, context)) removed += 1;
    }
    after = page.next;
  } while (after !== undefined);
  return removed;
}
