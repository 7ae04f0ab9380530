import type { PresenceStatus } from '@chat/events';

/**
 * Whether a DM recipient counts as offline (and so gets a `dm` notification). Presence is a projection of
 * PresenceChanged events; a user it has never seen is offline: realtime publishes `online` on a user's first
 * connection, so no event means no connection since the projection began.
 */
export function countsAsOffline(status: PresenceStatus | undefined): boolean {
  return status !== 'online';
}

/** One presence observation, ordered by `lastSeenAt` (the projection keeps the latest). */
export interface PresenceRecord {
  userId: string;
  status: PresenceStatus;
  lastSeenAt: string;
}
