import { createLogger, type Logger } from '@chat/runtime';
import type { RevocationRecord } from '@chat/auth-verifier';
import type { UserRecord } from '../../src/domain/user';
import {
  AccountNotConfirmedError,
  EmailTakenError,
  InvalidCredentialsError,
  InvalidRefreshTokenError,
  UsernameTakenError,
} from '../../src/domain/errors';
import type {
  Clock,
  FailedLogins,
  IdentityProvider,
  IdGenerator,
  IssuedTokens,
  LoginAttempts,
  ProfileStore,
  RegistrationStore,
  RevocationLedger,
  SessionStore,
  SignedInTokens,
  UniquenessClaim,
} from '../../src/use-cases/ports';

/** A clock tests move by hand. */
export function aClock(
  start = '2025-01-15T10:00:00.000Z',
): Clock & { advance(ms: number): void; set(iso: string): void } {
  let now = Date.parse(start);
  return {
    now: () => new Date(now),
    advance: (ms) => (now += ms),
    set: (iso) => (now = Date.parse(iso)),
  };
}

export function sequentialIds(prefix = 'id'): IdGenerator {
  let next = 0;
  return { next: () => `${prefix}-${(next += 1)}` };
}

/** A logger that keeps its lines (JSON) for assertions. */
export function aRecordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return Object.assign(
    createLogger({}, (line) => lines.push(line)),
    { lines },
  );
}

interface PoolUser {
  userId: string;
  email: string;
  password: string;
  confirmed: boolean;
}

/** An in-memory user pool that issues tokens whose session starts at the clock's second. */
export function aFakeIdentityProvider(clock: Clock) {
  const users = new Map<string, PoolUser>();
  const refreshTokens = new Map<string, string>(); // token → username
  const calls: string[] = [];
  let issued = 0;
  const failures: Partial<Record<keyof IdentityProvider, Error>> = {};
  const disabled = new Set<string>();

  const tokensFor = (username: string): IssuedTokens => {
    const user = users.get(username);
    if (!user) throw new Error(`no user ${username}`);
    issued += 1;
    return {
      accessToken: `access-${issued}`,
      idToken: `id-${issued}`,
      expiresIn: 3600,
      session: {
        userId: user.userId,
        authTime: Math.floor(clock.now().getTime() / 1000),
        sessionKey: `jti-${issued}`,
      },
    };
  };
  const failIfAsked = (operation: keyof IdentityProvider) => {
    calls.push(operation);
    const failure = failures[operation];
    if (failure) throw failure;
  };

  const identity: IdentityProvider = {
    async signUp({ username, email, password }) {
      failIfAsked('signUp');
      if (users.has(username)) throw new UsernameTakenError();
      const userId = `sub-${username}`;
      users.set(username, { userId, email, password, confirmed: false });
      return { userId, confirmed: false };
    },
    async confirmSignUpAsAdmin(username) {
      failIfAsked('confirmSignUpAsAdmin');
      const user = users.get(username);
      if (user) user.confirmed = true;
    },
    async confirmSignUp(username) {
      failIfAsked('confirmSignUp');
      const user = users.get(username);
      if (user) user.confirmed = true;
    },
    async deleteUser(username) {
      failIfAsked('deleteUser');
      users.delete(username);
    },
    async disableUser(username) {
      failIfAsked('disableUser');
      disabled.add(username);
    },
    async passwordLogin(username, password): Promise<SignedInTokens> {
      failIfAsked('passwordLogin');
      const user = users.get(username);
      if (!user || user.password !== password) throw new InvalidCredentialsError();
      if (!user.confirmed) throw new AccountNotConfirmedError();
      const refreshToken = `refresh-${issued + 1}`;
      refreshTokens.set(refreshToken, username);
      return { ...tokensFor(username), refreshToken };
    },
    async refresh(refreshToken) {
      failIfAsked('refresh');
      const username = refreshTokens.get(refreshToken);
      if (!username) throw new InvalidRefreshTokenError();
      return tokensFor(username);
    },
    async revokeRefreshToken(refreshToken) {
      failIfAsked('revokeRefreshToken');
      if (!refreshTokens.delete(refreshToken)) throw new InvalidRefreshTokenError();
    },
  };

  return {
    identity,
    users,
    disabled,
    refreshTokens,
    calls,
    failures,
    /** A confirmed user in the pool. */
    add(username: string, password: string, overrides: Partial<PoolUser> = {}): PoolUser {
      const user = {
        userId: `sub-${username}`,
        email: `${username}@example.com`,
        password,
        confirmed: true,
        ...overrides,
      };
      users.set(username, user);
      return user;
    },
  };
}

/** The users and unique-claims tables in memory, with the same claim semantics as the DynamoDB adapter. */
export function anInMemoryUserStore() {
  const claims = new Map<
    string,
    { claimId: string; status: 'pending' | 'active' | 'retired'; expiresAt?: number }
  >();
  const users = new Map<string, UserRecord & { correlationId?: string }>();
  const failures: { complete?: Error } = {};
  const keys = (claim: UniquenessClaim) => [`username#${claim.username}`, `email#${claim.email}`];

  const registrations: RegistrationStore = {
    async claim(claim, { now, expiresAt }) {
      const [usernameKey, emailKey] = keys(claim) as [string, string];
      const held = (key: string) => {
        const existing = claims.get(key);
        return (
          existing !== undefined &&
          !(existing.status === 'pending' && (existing.expiresAt ?? 0) <= now.getTime())
        );
      };
      if (held(usernameKey)) throw new UsernameTakenError();
      if (held(emailKey)) throw new EmailTakenError();
      for (const key of [usernameKey, emailKey]) {
        claims.set(key, { claimId: claim.claimId, status: 'pending', expiresAt: expiresAt.getTime() });
      }
    },
    async release(claim) {
      for (const key of keys(claim)) {
        const existing = claims.get(key);
        if (existing?.claimId === claim.claimId && existing.status === 'pending') claims.delete(key);
      }
    },
    async complete(user, claim, correlationId) {
      if (failures.complete) throw failures.complete;
      users.set(user.userId, { ...user, correlationId });
      for (const key of keys(claim)) claims.set(key, { claimId: claim.claimId, status: 'active' });
    },
    async retire(user) {
      claims.delete(`email#${user.email}`);
      const username = claims.get(`username#${user.username}`);
      claims.set(`username#${user.username}`, { claimId: username?.claimId ?? '', status: 'retired' });
    },
  };

  const profiles: ProfileStore = {
    async get(userId) {
      const user = users.get(userId);
      return user && { ...user };
    },
    async updateDisplayName(userId, displayName) {
      const user = users.get(userId);
      if (!user) return undefined;
      user.displayName = displayName;
      return { ...user };
    },
    async findByUsernamePrefix(prefix, limit) {
      return [...users.values()]
        .filter((user) => user.username.startsWith(prefix))
        .sort((a, b) => a.username.localeCompare(b.username))
        .slice(0, limit);
    },
    async remove(userId) {
      users.delete(userId);
    },
  };

  return { registrations, profiles, claims, users, failures };
}

export function anInMemoryLoginAttempts() {
  const counts = new Map<string, FailedLogins>();
  const attempts: LoginAttempts = {
    async current(username, now) {
      const entry = counts.get(username);
      return entry && entry.resetsAt > now ? { ...entry } : undefined;
    },
    async recordFailure(username, now, windowSeconds) {
      const entry = counts.get(username);
      if (entry && entry.resetsAt > now) entry.failures += 1;
      else counts.set(username, { failures: 1, resetsAt: new Date(now.getTime() + windowSeconds * 1000) });
    },
    async clear(username) {
      counts.delete(username);
    },
  };
  return { attempts, counts };
}

export function anInMemorySessionStore() {
  const sessions = new Map<string, { userId: string; startedAt: Date; expiresAt: Date }>();
  const store: SessionStore = {
    async start({ refreshToken, ...session }) {
      sessions.set(refreshToken, session);
    },
    async find(refreshToken) {
      const session = sessions.get(refreshToken);
      return session && { userId: session.userId, startedAt: session.startedAt };
    },
  };
  return { store, sessions };
}

export function anInMemoryRevocationLedger() {
  const records = new Map<string, RevocationRecord & { expiresAt: Date; correlationId: string }>();
  const ledger: RevocationLedger = {
    async current(userId) {
      const record = records.get(userId);
      return (
        record && {
          userId: record.userId,
          revokedAt: record.revokedAt,
          allowedSessions: [...record.allowedSessions],
          ...(record.closedAt === undefined ? {} : { closedAt: record.closedAt }),
        }
      );
    },
    async revoke(userId, at, { expiresAt, correlationId }) {
      const existing = records.get(userId);
      if (existing && (existing.revokedAt >= at.toISOString() || existing.closedAt !== undefined)) return;
      records.set(userId, {
        userId,
        revokedAt: at.toISOString(),
        allowedSessions: [],
        expiresAt,
        correlationId,
      });
    },
    async allowSession(userId, revokedAt, sessionKey) {
      const record = records.get(userId);
      if (record?.closedAt !== undefined) return;
      if (record?.revokedAt === revokedAt && !record.allowedSessions.includes(sessionKey)) {
        record.allowedSessions.push(sessionKey);
      }
    },
    async close(userId, at, { correlationId }) {
      if (records.get(userId)?.closedAt !== undefined) return 'already-closed';
      const iso = at.toISOString();
      records.set(userId, {
        userId,
        revokedAt: iso,
        closedAt: iso,
        allowedSessions: [],
        expiresAt: new Date(8.64e15),
        correlationId,
      });
      return 'closed';
    },
  };
  return { ledger, records };
}
