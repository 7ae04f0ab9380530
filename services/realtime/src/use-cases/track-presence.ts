import type { Logger } from '@chat/runtime';
import type { ConnectionChange, PresenceStore } from './ports';

/**
 * Applies one connection change to the presence table: the change is counted once (a replayed record is
 * recognised by its connection marker) and, in the same write, the user's status follows the count, so the status
 * flips exactly once per transition however records are retried or interleaved (two devices: the first open goes
 * online, the last close goes offline); a change that moves no status writes nothing that is bound to fail. The status change lands on the presence
 * table's stream, which publishes PresenceChanged (the outbox). The handler applies a stream batch's changes in
 * stream order, stopping at the first failure (`processInOrder`).
 */
export async function trackPresence(
  deps: { presence: PresenceStore; logger: Logger },
  change: ConnectionChange,
): Promise<void> {
  const { counted, transition } =
    change.kind === 'opened'
      ? await deps.presence.connectionOpened(change)
      : await deps.presence.connectionClosed(change);
  deps.logger.info('connection change tracked', {
    userId: change.userId,
    connectionId: change.connectionId,
    change: change.kind,
    counted,
    ...(transition ? { transition } : {}),
  });
}
