import { trackPresence, type PresenceInput } from '../../../src/use-cases/track-presence';
import type { ConnectionChange } from '../../../src/use-cases/ports';
import { aSilentLogger } from '../../support/builders';
import { InMemoryPresence } from '../../support/fakes';

const opened = (connectionId: string, at: string, userId = 'alice'): ConnectionChange => ({
  kind: 'opened',
  connectionId,
  userId,
  at,
});
const closed = (connectionId: string, at: string, userId = 'alice'): ConnectionChange => ({
  kind: 'closed',
  connectionId,
  userId,
  at,
});
let sequence = 0;
const records = (...changes: (ConnectionChange | undefined)[]): PresenceInput[] =>
  changes.map((change) => ({ sequenceNumber: String((sequence += 1)), ...(change ? { change } : {}) }));

/** Every status the user went through, recorded after each record. */
async function statusesAfterEach(presence: InMemoryPresence, changes: ConnectionChange[]) {
  const seen: string[] = [];
  for (const input of records(...changes)) {
    await trackPresence({ presence, logger: aSilentLogger() }, [input]);
    seen.push(presence.states.get('alice')?.status ?? 'unknown');
  }
  return seen;
}

describe('trackPresence', () => {
  it('goes online on the first connection and offline when the last of two devices closes', async () => {
    const presence = new InMemoryPresence();

    const seen = await statusesAfterEach(presence, [
      opened('phone', '2025-01-15T10:00:00.000Z'),
      opened('laptop', '2025-01-15T10:01:00.000Z'),
      closed('phone', '2025-01-15T10:02:00.000Z'),
      closed('laptop', '2025-01-15T10:03:00.000Z'),
    ]);

    expect(seen).toEqual(['online', 'online', 'online', 'offline']);
    expect(presence.states.get('alice')).toEqual({
      status: 'offline',
      lastSeenAt: '2025-01-15T10:03:00.000Z',
    });
  });

  it('applies a replayed batch once: no second online/offline pair', async () => {
    const presence = new InMemoryPresence();
    const batch = records(
      opened('phone', '2025-01-15T10:00:00.000Z'),
      closed('phone', '2025-01-15T10:05:00.000Z'),
    );
    await trackPresence({ presence, logger: aSilentLogger() }, batch);

    const replayed: string[] = [];
    for (const input of batch) {
      await trackPresence({ presence, logger: aSilentLogger() }, [input]);
      replayed.push(presence.states.get('alice')?.status ?? 'unknown');
    }

    expect(replayed).toEqual(['offline', 'offline']);
    expect(presence.counts.get('alice')).toBe(0);
  });

  it('skips records that change nothing (TTL refreshes)', async () => {
    const presence = new InMemoryPresence();

    const failed = await trackPresence({ presence, logger: aSilentLogger() }, records(undefined));

    expect(failed).toEqual([]);
    expect(presence.states.size).toBe(0);
  });

  it('reports the first failed record and every one after it, keeping what came before', async () => {
    const batch = records(
      opened('phone', '2025-01-15T10:00:00.000Z'),
      opened('laptop', '2025-01-15T10:00:01.000Z'),
      closed('phone', '2025-01-15T10:00:02.000Z'),
    );
    const [, second, third] = batch;
    const failOnSecond = new (class extends InMemoryPresence {
      override async connectionOpened(change: ConnectionChange) {
        if (change.connectionId === 'laptop') throw new Error('throttled');
        return super.connectionOpened(change);
      }
    })();

    const failed = await trackPresence({ presence: failOnSecond, logger: aSilentLogger() }, batch);

    expect(failed).toEqual([second?.sequenceNumber, third?.sequenceNumber]);
    expect(failOnSecond.states.get('alice')?.status).toBe('online');
    expect(failOnSecond.counts.get('alice')).toBe(1);
  });
});
