import { ValidationError } from '@chat/runtime';
import { parseUserIds } from '../domain/presence';
import type { PresenceState, PresenceStore } from './ports';

export interface PresenceItem extends PresenceState {
  userId: string;
}

/**
 * GET /presence?userIds=a,b: the status of 1 to 100 users, in the order asked (duplicates once). A user the
 * service has never seen online (or that does not exist) is `offline` with `lastSeenAt: null`. For an online
 * user `lastSeenAt` is when they came online; for an offline one, when they were last connected.
 */
export async function getPresence(
  deps: { presence: PresenceStore },
  rawUserIds: string | undefined,
): Promise<{ items: PresenceItem[] }> {
  const parsed = parseUserIds(rawUserIds);
  if ('problem' in parsed) throw new ValidationError([{ field: 'userIds', message: parsed.problem }]);
  const states = await deps.presence.statesOf(parsed.userIds);
  return {
    items: parsed.userIds.map((userId) => ({
      userId,
      ...(states.get(userId) ?? { status: 'offline', lastSeenAt: null }),
    })),
  };
}
