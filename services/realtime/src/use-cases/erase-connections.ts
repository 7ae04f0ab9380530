import type { Logger } from '@chat/runtime';
import type { RetryPolicy } from './concurrency';
import { retrying } from './concurrency';
import type {
  Clock,
  ConnectionDirectory,
  ConnectionMessenger,
  ConnectionStore,
  PresenceErasure,
  PresenceStore,
} from './ports';

export interface EraseConnectionsDependencies {
  connections: ConnectionStore;
  directory: ConnectionDirectory;
  messenger: ConnectionMessenger;
  presence: Pick<PresenceStore, 'statesOf'>;
  erasure: PresenceErasure;
  clock: Clock;
  retry: RetryPolicy;
  /** Waits between two looks at whether presence has counted the closed connections out. */
  pause: (ms: number) => Promise<void>;
  logger: Logger;
}

/** How long a run waits for the presence projection to count the closed connections out before it fails. */
export const PRESENCE_SETTLE_MS = 10_000;
const SETTLE_POLL_MS = 200;

export class PresenceNotSettledError extends Error {
  constructor(userId: string) {
    super(`presence of ${userId} still counts open connections`);
    this.name = 'PresenceNotSettledError';
  }
}

/**
 * realtime's step of the UserDeleted saga: every connection of the user is closed (already closed by
 * UserLoggedOut, usually) and its record deleted and unregistered; once the presence projection, fed by the
 * connections table's stream, has counted them out (else it would write the summary again after its deletion),
 * every presence item of the user goes. Idempotent: a re-run finds less, or nothing, to do.
 */
export async function eraseConnections(
  deps: EraseConnectionsDependencies,
  userId: string,
): Promise<{ connections: number; presenceItems: number }> {
  const connections = await retrying(deps.retry, () => deps.connections.connectionsOf(userId));
  for (const { connectionId } of connections) {
    await retrying(deps.retry, () => deps.messenger.close(connectionId));
    await retrying(deps.retry, () => deps.connections.remove(connectionId));
    await retrying(deps.retry, () => deps.directory.unregister(userId, connectionId));
  }
  const deadline = deps.clock.now().getTime() + PRESENCE_SETTLE_MS;
  for (;;) {
    const state = (await deps.presence.statesOf([userId])).get(userId);
    if (!state || state.status === 'offline') break;
    if (deps.clock.now().getTime() >= deadline) throw new PresenceNotSettledError(userId);
    await deps.pause(SETTLE_POLL_MS);
  }
  const presenceItems = await deps.erasure.dropAll(userId);
  deps.logger.info('connections and presence erased', {
    userId,
    connections: connections.length,
    presenceItems,
  });
  return { connections: connections.length, presenceItems };
}
