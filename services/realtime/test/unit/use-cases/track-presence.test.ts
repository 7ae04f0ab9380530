import { trackPresence } from '../../../src/use-cases/track-presence';
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
/** Every status the user went through, recorded after each record. */
async function statusesAfterEach(presence: InMemoryPresence, changes: ConnectionChange[]) {
  const seen: string[] = [];
  for (const change of changes) {
    await trackPresence({ presence, logger: aSilentLogger() }, change);
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
    const batch = [opened('phone', '2025-01-15T10:00:00.000Z'), closed('phone', '2025-01-15T10:05:00.000Z')];
    for (const change of batch) await trackPresence({ presence, logger: aSilentLogger() }, change);

    const replayed: string[] = [];
    for (const change of batch) {
      await trackPresence({ presence, logger: aSilentLogger() }, change);
      replayed.push(presence.states.get('alice')?.status ?? 'unknown');
    }

    expect(replayed).toEqual(['offline', 'offline']);
    expect(presence.counts.get('alice')).toBe(0);
  });

  it('fails on a change it could not apply, keeping what came before', async () => {
    const failOnSecond = new (class extends InMemoryPresence {
      override async connectionOpened(change: ConnectionChange) {
        if (change.connectionId === 'laptop') throw new Error('throttled');
        return super.connectionOpened(change);
      }
    })();
    const deps = { presence: failOnSecond, logger: aSilentLogger() };

    await trackPresence(deps, opened('phone', '2025-01-15T10:00:00.000Z'));
    await expect(trackPresence(deps, opened('laptop', '2025-01-15T10:00:01.000Z'))).rejects.toThrow(
      'throttled',
    );

    expect(failOnSecond.states.get('alice')?.status).toBe('online');
    expect(failOnSecond.counts.get('alice')).toBe(1);
  });
});
