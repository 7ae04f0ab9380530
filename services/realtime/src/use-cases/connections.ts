import { UnauthenticatedError } from '@chat/runtime';
import { TooManyConnectionsError } from '../domain/errors';
import { expiresAtFor, newConnectionRecord, type RefreshLedger } from '../domain/connection';
import type {
  Clock,
  ConnectionDirectory,
  ConnectionMessenger,
  ConnectionRecord,
  ConnectionStore,
  SendOutcome,
} from './ports';

/** Who a valid access token belongs to (the shared verifier's Principal). */
export interface TokenOwner {
  userId: string;
  username: string;
}

export interface ConnectionLifecycleDependencies {
  connections: ConnectionStore;
  clock: Clock;
  /** Lifetime of a record without activity (TTL on `expiresAt`). */
  ttlSeconds: number;
}

/** Most open connections per user (API.md "Safety"; a stage parameter). */
export const DEFAULT_MAX_CONNECTIONS_PER_USER = 20;

/**
 * Registers the new connection in the user's directory entry within the cap. The entry is what counts: every
 * connection enters it at `$connect` and leaves it at `$disconnect`, at a 410, and when its record is removed
 * (expiry: the connections stream). A refusal first looks for entries that would count forever although
 * nothing is left of them (no record, or a record past its TTL that DynamoDB has not deleted yet: TTL deletion
 * can lag by hours), drops those and tries once more. Live connections are never dropped: a connection whose
 * record exists and has not expired counts, even mid-handshake.
 */
async function registerWithinCap(
  deps: ConnectionLifecycleDependencies & { directory: ConnectionDirectory; maxConnections: number },
  record: ConnectionRecord,
): Promise<boolean> {
  const first = await deps.directory.register(record.userId, record.connectionId, deps.maxConnections);
  if (first.registered) return true;
  const others = first.connectionIds.filter((id) => id !== record.connectionId);
  const live = await deps.connections.liveAmong(others, Math.floor(deps.clock.now().getTime() / 1000));
  const stale = others.filter((id) => !live.has(id));
  if (stale.length === 0) return false;
  await Promise.all(stale.map((id) => deps.directory.unregister(record.userId, id)));
  const second = await deps.directory.register(record.userId, record.connectionId, deps.maxConnections);
  return second.registered;
}

/**
 * `$connect`: the `token` query parameter must be a valid, unrevoked access token (else UnauthenticatedError:
 * the handshake is refused with 401). The connection is then recorded (with a TTL) and registered in the user's
 * directory entry, in that order and before the handshake completes: a fan-out that starts once the client is
 * connected reaches it. The order matters: a fan-out that finds the directory entry while the handshake is still
 * under way gets 410 for it, and then finds a young record and keeps the entry; were the record not there yet, it
 * would take the entry for a dead one and drop it, and the connection would get no frames. (A record whose
 * directory write failed gets no frames and goes with its TTL; the refused handshake tells the client.)
 * A user at the cap (`maxConnections` in the directory) is refused with TooManyConnectionsError (429) and the
 * record just written is deleted again.
 */
export async function openConnection(
  deps: ConnectionLifecycleDependencies & {
    directory: ConnectionDirectory;
    verifyToken: (token: string | undefined) => Promise<TokenOwner>;
    maxConnections: number;
  },
  input: { connectionId: string; token: string | undefined; connectedAt: Date },
): Promise<ConnectionRecord> {
  if (input.token === undefined || input.token === '') {
    throw new UnauthenticatedError('A token query parameter is required');
  }
  const owner = await deps.verifyToken(input.token);
  const record = newConnectionRecord({
    connectionId: input.connectionId,
    userId: owner.userId,
    username: owner.username,
    connectedAt: input.connectedAt,
    ttlSeconds: deps.ttlSeconds,
  });
  await deps.connections.save(record);
  if (!(await registerWithinCap(deps, record))) {
    await deps.connections.remove(record.connectionId);
    throw new TooManyConnectionsError(deps.maxConnections);
  }
  return record;
}

/**
 * `$disconnect`: the record goes (its REMOVE on the table's stream drives presence) and the connection leaves
 * the user's directory entry. Resolves with whose connection it was.
 */
export async function closeConnection(
  deps: { connections: ConnectionStore; directory: ConnectionDirectory },
  connectionId: string,
): Promise<{ userId: string } | undefined> {
  const removed = await deps.connections.remove(connectionId);
  if (removed) await deps.directory.unregister(removed.userId, connectionId);
  return removed;
}

/**
 * Activity on a connection pushes its TTL back, at most once per refresh interval per sandbox (the ledger), so
 * that frequent pings cost almost no writes. Returns whether a write was made.
 */
export async function keepAlive(
  deps: ConnectionLifecycleDependencies & { ledger: RefreshLedger },
  connectionId: string,
): Promise<boolean> {
  const now = deps.clock.now();
  if (!deps.ledger.claim(connectionId, now.getTime())) return false;
  try {
    await deps.connections.refresh(connectionId, expiresAtFor(now, deps.ttlSeconds), now.toISOString());
    return true;
  } catch (error) {
    deps.ledger.release(connectionId);
    throw error;
  }
}

/** `{"action":"ping"}` → `{"type":"pong"}` to the same connection, and the record's TTL is kept fresh. */
export async function answerPing(
  deps: ConnectionLifecycleDependencies & { ledger: RefreshLedger; messenger: ConnectionMessenger },
  connectionId: string,
): Promise<SendOutcome> {
  const outcome = await deps.messenger.send(connectionId, { type: 'pong' });
  if (outcome === 'sent') await keepAlive(deps, connectionId);
  return outcome;
}
