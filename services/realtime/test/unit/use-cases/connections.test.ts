import { UnauthenticatedError } from '@chat/runtime';
import { RefreshLedger } from '../../../src/domain/connection';
import { TooManyConnectionsError } from '../../../src/domain/errors';
import { closeConnection, keepAlive, openConnection } from '../../../src/use-cases/connections';
import { aFixedClock, InMemoryConnections } from '../../support/fakes';

const alice = { userId: 'user-alice', username: 'alice' };

describe('openConnection', () => {
  const deps = (connections = new InMemoryConnections()) => ({
    connections,
    directory: connections.directory,
    clock: aFixedClock(),
    ttlSeconds: 3600,
    maxConnections: 3,
    verifyToken: async (token: string | undefined) => {
      if (token !== 'good-token') throw new UnauthenticatedError('The access token is not valid');
      return alice;
    },
  });

  it('records the connection with a TTL and registers it in the user’s directory entry', async () => {
    const connections = new InMemoryConnections();

    await openConnection(deps(connections), {
      connectionId: 'conn-1',
      token: 'good-token',
      connectedAt: new Date('2025-01-15T10:00:00.000Z'),
    });

    expect(connections.directory.entries.get('user-alice')).toEqual(new Set(['conn-1']));
    expect(connections.records.get('conn-1')).toEqual({
      connectionId: 'conn-1',
      userId: 'user-alice',
      username: 'alice',
      connectedAt: '2025-01-15T10:00:00.000Z',
      lastActiveAt: '2025-01-15T10:00:00.000Z',
      expiresAt: Date.parse('2025-01-15T11:00:00.000Z') / 1000,
    });
  });

  it('records the connection before it enters the directory, so a fan-out meeting it mid-handshake keeps it', async () => {
    const connections = new InMemoryConnections();
    const recordedWhenRegistered: boolean[] = [];
    const register = connections.directory.register.bind(connections.directory);
    connections.directory.register = async (userId, connectionId, max) => {
      recordedWhenRegistered.push(connections.records.has(connectionId));
      return register(userId, connectionId, max);
    };

    await openConnection(deps(connections), {
      connectionId: 'conn-1',
      token: 'good-token',
      connectedAt: new Date('2025-01-15T10:00:00.000Z'),
    });

    expect(recordedWhenRegistered).toEqual([true]);
  });

  it.each([undefined, ''])('refuses a missing token (%p) without asking the verifier', async (token) => {
    const connections = new InMemoryConnections();

    await expect(
      openConnection(
        { ...deps(connections), verifyToken: () => Promise.reject(new Error('must not be called')) },
        { connectionId: 'conn-1', token, connectedAt: new Date() },
      ),
    ).rejects.toThrow(new UnauthenticatedError('A token query parameter is required'));
    expect(connections.records.size).toBe(0);
    expect(connections.directory.entries.size).toBe(0);
  });

  it('refuses a token the verifier refuses, recording nothing', async () => {
    const connections = new InMemoryConnections();

    await expect(
      openConnection(deps(connections), { connectionId: 'conn-1', token: 'forged', connectedAt: new Date() }),
    ).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(connections.records.size).toBe(0);
  });

  describe('the connection cap', () => {
    const live = (connections: InMemoryConnections, ids: string[]) => {
      for (const connectionId of ids) {
        void connections.directory.register('user-alice', connectionId);
        connections.records.set(connectionId, {
          connectionId,
          userId: 'user-alice',
          username: 'alice',
          connectedAt: '2025-01-15T09:00:00.000Z',
          lastActiveAt: '2025-01-15T09:00:00.000Z',
          expiresAt: Date.parse('2025-01-15T12:00:00.000Z') / 1000,
        });
      }
    };
    const open = (connections: InMemoryConnections, connectionId: string) =>
      openConnection(deps(connections), {
        connectionId,
        token: 'good-token',
        connectedAt: new Date('2025-01-15T10:00:00.000Z'),
      });

    it('refuses a connection past the cap with TooManyConnectionsError (429) and deletes its record', async () => {
      const connections = new InMemoryConnections();
      live(connections, ['c1', 'c2', 'c3']);

      const refusal = open(connections, 'c4');

      await expect(refusal).rejects.toBeInstanceOf(TooManyConnectionsError);
      await expect(refusal).rejects.toMatchObject({ kind: 'rate_limited' });
      expect(connections.records.has('c4')).toBe(false);
      expect(connections.directory.entries.get('user-alice')).toEqual(new Set(['c1', 'c2', 'c3']));
    });

    it('does not count entries with no record or an expired one, and drops them', async () => {
      const connections = new InMemoryConnections();
      live(connections, ['c1', 'c2']);
      void connections.directory.register('user-alice', 'ghost');
      connections.add('user-alice', 'expired'); // expiresAt 0: past its TTL, not yet deleted

      await open(connections, 'c5');

      expect(connections.directory.entries.get('user-alice')).toEqual(new Set(['c1', 'c2', 'c5']));
    });

    it('accepts a new connection once one has closed', async () => {
      const connections = new InMemoryConnections();
      live(connections, ['c1', 'c2', 'c3']);
      await closeConnection({ connections, directory: connections.directory }, 'c2');

      await open(connections, 'c4');

      expect(connections.directory.entries.get('user-alice')).toEqual(new Set(['c1', 'c3', 'c4']));
    });
  });
});

describe('closeConnection', () => {
  it('deletes the connection record and unregisters it, telling whose it was', async () => {
    const connections = new InMemoryConnections().add('alice', 'conn-1').add('alice', 'conn-2');

    const removed = await closeConnection({ connections, directory: connections.directory }, 'conn-1');

    expect(removed).toEqual({ userId: 'alice' });
    expect([...connections.records.keys()]).toEqual(['conn-2']);
    expect(connections.directory.entries.get('alice')).toEqual(new Set(['conn-2']));
  });

  it('does nothing more for a connection it has no record of', async () => {
    const connections = new InMemoryConnections();

    expect(
      await closeConnection({ connections, directory: connections.directory }, 'conn-9'),
    ).toBeUndefined();
  });
});

describe('keepAlive', () => {
  it('lets a refresh whose write failed be tried again on the next activity', async () => {
    class ThrottledConnections extends InMemoryConnections {
      override async refresh(): Promise<boolean> {
        throw new Error('throttled');
      }
    }
    const connections = new InMemoryConnections().add('alice', 'conn-1');
    const ledger = new RefreshLedger(600_000);
    const base = { clock: aFixedClock(), ttlSeconds: 3600, ledger };

    await expect(keepAlive({ ...base, connections: new ThrottledConnections() }, 'conn-1')).rejects.toThrow(
      'throttled',
    );
    expect(await keepAlive({ ...base, connections }, 'conn-1')).toBe(true);
    expect(await keepAlive({ ...base, connections }, 'conn-1')).toBe(false);
  });
});
