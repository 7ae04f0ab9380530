import {
  eraseConnections,
  PRESENCE_SETTLE_MS,
  PresenceNotSettledError,
  type EraseConnectionsDependencies,
} from '../../../src/use-cases/erase-connections';
import {
  aFixedClock,
  InMemoryConnections,
  InMemoryPresence,
  noWaitRetry,
  RecordingMessenger,
} from '../../support/fakes';
import { aSilentLogger } from '../../support/builders';

const CAROL = 'user-carol';

function setUp() {
  const connections = new InMemoryConnections().add(CAROL, 'c1').add(CAROL, 'c2').add('user-bob', 'b1');
  const presence = new InMemoryPresence();
  presence.states.set(CAROL, { status: 'online', lastSeenAt: '2025-01-15T09:00:00.000Z' });
  const messenger = new RecordingMessenger();
  messenger.gone.add('c2');
  const clock = aFixedClock();
  const dropped: string[] = [];
  const pauses: number[] = [];
  const deps: EraseConnectionsDependencies = {
    connections,
    directory: connections.directory,
    messenger,
    presence,
    erasure: {
      dropAll: async (userId) => {
        dropped.push(userId);
        presence.states.delete(userId);
        return 3;
      },
    },
    clock,
    retry: noWaitRetry(),
    pause: async (ms) => {
      pauses.push(ms);
      // The presence projection counts the closed connections out meanwhile.
      presence.states.set(CAROL, { status: 'offline', lastSeenAt: '2025-01-15T10:00:00.000Z' });
    },
    logger: aSilentLogger(),
  };
  return { deps, connections, messenger, presence, dropped, pauses, clock };
}

describe('eraseConnections', () => {
  it('closes and deletes the connections, waits for presence to count them out, then drops the presence items', async () => {
    const { deps, connections, messenger, dropped, pauses } = setUp();

    const report = await eraseConnections(deps, CAROL);

    expect(report).toEqual({ connections: 2, presenceItems: 3 });
    expect(messenger.closed).toEqual(['c1']);
    expect([...connections.records.keys()]).toEqual(['b1']);
    expect(connections.directory.entries.get(CAROL)?.size ?? 0).toBe(0);
    expect(pauses.length).toBe(1);
    expect(dropped).toEqual([CAROL]);
  });

  it('fails (to be delivered again) when presence still counts a connection after the wait, dropping nothing', async () => {
    const { deps, dropped, clock } = setUp();
    deps.pause = async () =>
      clock.set(new Date(Date.parse('2025-01-15T10:00:00.000Z') + PRESENCE_SETTLE_MS).toISOString());

    await expect(eraseConnections(deps, CAROL)).rejects.toThrow(PresenceNotSettledError);
    expect(dropped).toEqual([]);
  });

  it('does nothing more for a user already erased', async () => {
    const { deps, messenger } = setUp();
    await eraseConnections(deps, CAROL);

    const again = await eraseConnections(deps, CAROL);

    expect(again.connections).toBe(0);
    expect(messenger.closed).toEqual(['c1']);
  });
});
