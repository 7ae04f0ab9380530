import type { Logger } from '@chat/runtime';
import type { ConnectionChange, PresenceStore } from './ports';

/** One record of a connections-table stream batch: its sequence number and what it means for presence. */
export interface PresenceInput {
  sequenceNumber: string;
  /** Undefined for records that change nothing (a TTL refresh). */
  change?: ConnectionChange;
}

/**
 * Applies a batch of connection changes to the presence table, in stream order: each change is counted once
 * (a replayed record is recognised by its connection marker), then the user's status is reconciled with the
 * count by conditional writes, so the status flips exactly once per transition however records are retried or
 * interleaved (two devices: the first open goes online, the last close goes offline). The status change lands
 * on the presence table's stream, which publishes PresenceChanged (the outbox).
 *
 * Returns the sequence numbers to report as failed: the first record that failed and every one after it
 * (Lambda resumes the shard there).
 */
export async function trackPresence(
  deps: { presence: PresenceStore; logger: Logger },
  inputs: readonly PresenceInput[],
): Promise<string[]> {
  for (const [index, input] of inputs.entries()) {
    const { change } = input;
    if (!change) continue;
    try {
      const counted =
        change.kind === 'opened'
          ? await deps.presence.connectionOpened(change)
          : await deps.presence.connectionClosed(change);
      const transition = await deps.presence.reconcile(change.userId, change.at);
      deps.logger.info('connection change tracked', {
        userId: change.userId,
        connectionId: change.connectionId,
        change: change.kind,
        counted,
        ...(transition ? { transition } : {}),
      });
    } catch (error) {
      deps.logger.error('connection change not tracked', {
        userId: change.userId,
        connectionId: change.connectionId,
        sequenceNumber: input.sequenceNumber,
        error,
      });
      return inputs.slice(index).map((failed) => failed.sequenceNumber);
    }
  }
  return [];
}
