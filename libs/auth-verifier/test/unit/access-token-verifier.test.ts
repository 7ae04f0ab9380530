import { UnauthenticatedError } from '@chat/runtime';
import { anHttpEvent } from '@chat/http/src/testing';
import {
  bearerAuthenticator,
  cachedRevocations,
  createAccessTokenVerifier,
  FINAL_REFUSAL_MARGIN_SECONDS,
  InvalidTokenError,
  RevokedTokenError,
  type AccessTokenCheck,
  type RevocationRecord,
} from '../../src';

const LOGOUT = '2025-01-15T10:00:00.400Z';
const LOGOUT_SECOND = Math.floor(Date.parse(LOGOUT) / 1000);

/** A token check that decodes `<json payload>` tokens (the JWT checks are covered by their own tests). */
const decodingCheck: AccessTokenCheck = async (token) => {
  try {
    return JSON.parse(token) as Record<string, unknown>;
  } catch (error) {
    throw new InvalidTokenError({ cause: error });
  }
};

const aToken = (overrides: Record<string, unknown> = {}) =>
  JSON.stringify({ sub: 'user-1', username: 'alice', iat: LOGOUT_SECOND + 5, jti: 'jti-1', ...overrides });

function aRevocationTable(initial: Record<string, RevocationRecord> = {}) {
  const records = { ...initial };
  let reads = 0;
  return {
    records,
    reads: () => reads,
    reader: {
      async get(userId: string) {
        reads += 1;
        return records[userId];
      },
    },
  };
}

describe('createAccessTokenVerifier', () => {
  it('answers the principal of a valid token', async () => {
    const table = aRevocationTable();
    const verifier = createAccessTokenVerifier({
      checkToken: decodingCheck,
      revocations: cachedRevocations(table.reader),
    });

    await expect(verifier.verify(aToken({ iat: 1736935000 }))).resolves.toEqual({
      userId: 'user-1',
      username: 'alice',
      tokenIssuedAt: 1736935000,
    });
  });

  it.each([undefined, ''])('refuses a missing token (%p) without checking anything', async (token) => {
    const table = aRevocationTable();
    const verifier = createAccessTokenVerifier({
      checkToken: decodingCheck,
      revocations: cachedRevocations(table.reader),
    });

    await expect(verifier.verify(token)).rejects.toBeInstanceOf(InvalidTokenError);
    expect(table.reads()).toBe(0);
  });

  it('refuses a token that fails the JWT checks', async () => {
    const verifier = createAccessTokenVerifier({
      checkToken: decodingCheck,
      revocations: cachedRevocations(aRevocationTable().reader),
    });

    await expect(verifier.verify('not json')).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('refuses a verified token that lacks the username claim', async () => {
    const verifier = createAccessTokenVerifier({
      checkToken: decodingCheck,
      revocations: cachedRevocations(aRevocationTable().reader),
    });

    await expect(verifier.verify(aToken({ username: undefined }))).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it("refuses a token of a session begun before the user's logout, as revoked", async () => {
    const table = aRevocationTable({
      'user-1': { userId: 'user-1', revokedAt: LOGOUT, allowedSessions: [] },
    });
    const verifier = createAccessTokenVerifier({
      checkToken: decodingCheck,
      revocations: cachedRevocations(table.reader),
    });

    const refusal = verifier.verify(aToken({ iat: LOGOUT_SECOND - 30 }));

    await expect(refusal).rejects.toBeInstanceOf(RevokedTokenError);
    await expect(refusal).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('judges a refreshed Cognito token by its sign-in (auth_time, origin_jti), not its iat', async () => {
    const table = aRevocationTable({
      'user-1': { userId: 'user-1', revokedAt: LOGOUT, allowedSessions: ['sign-in-2'] },
    });
    const verifier = createAccessTokenVerifier({
      checkToken: decodingCheck,
      revocations: cachedRevocations(table.reader),
    });
    const refreshedFromOldSignIn = aToken({ iat: LOGOUT_SECOND + 60, auth_time: LOGOUT_SECOND - 60 });
    const refreshedFromAllowedSignIn = aToken({
      iat: LOGOUT_SECOND + 60,
      auth_time: LOGOUT_SECOND,
      origin_jti: 'sign-in-2',
    });

    await expect(verifier.verify(refreshedFromOldSignIn)).rejects.toBeInstanceOf(RevokedTokenError);
    await expect(verifier.verify(refreshedFromAllowedSignIn)).resolves.toMatchObject({ userId: 'user-1' });
  });

  it('confirms a refusal with a fresh read, so a session allowed a moment ago is accepted', async () => {
    let now = 0;
    const table = aRevocationTable({
      'user-1': { userId: 'user-1', revokedAt: LOGOUT, allowedSessions: [] },
    });
    const verifier = createAccessTokenVerifier({
      checkToken: decodingCheck,
      revocations: cachedRevocations(table.reader, { now: () => now }),
    });
    const loginRightAfterLogout = aToken({ iat: LOGOUT_SECOND, jti: 'new-session' });

    await expect(verifier.verify(loginRightAfterLogout)).rejects.toBeInstanceOf(RevokedTokenError);
    table.records['user-1'] = { userId: 'user-1', revokedAt: LOGOUT, allowedSessions: ['new-session'] };
    now += 10; // well within the cache's age: only the confirming read sees the change

    await expect(verifier.verify(loginRightAfterLogout)).resolves.toMatchObject({ userId: 'user-1' });
  });

  it('refuses a session begun well before the logout without a confirming read, and remembers the refusal', async () => {
    let now = 0;
    const table = aRevocationTable({
      'user-1': { userId: 'user-1', revokedAt: LOGOUT, allowedSessions: [] },
    });
    const verifier = createAccessTokenVerifier({
      checkToken: decodingCheck,
      revocations: cachedRevocations(table.reader, { now: () => now }),
    });
    const oldSession = aToken({ iat: LOGOUT_SECOND - FINAL_REFUSAL_MARGIN_SECONDS - 1 });

    await expect(verifier.verify(oldSession)).rejects.toBeInstanceOf(RevokedTokenError);
    now += 5000; // the cached record has aged out: the remembered refusal needs no read
    await expect(verifier.verify(oldSession)).rejects.toBeInstanceOf(RevokedTokenError);

    expect(table.reads()).toBe(1);
  });

  it('refuses every session of a closed account for good, with one read', async () => {
    const table = aRevocationTable({
      'user-1': { userId: 'user-1', revokedAt: LOGOUT, allowedSessions: ['s-1'], closedAt: LOGOUT },
    });
    const verifier = createAccessTokenVerifier({
      checkToken: decodingCheck,
      revocations: cachedRevocations(table.reader),
    });
    const afterClosing = aToken({ iat: LOGOUT_SECOND + 60, jti: 's-1' });

    await expect(verifier.verify(afterClosing)).rejects.toBeInstanceOf(RevokedTokenError);
    await expect(verifier.verify(afterClosing)).rejects.toBeInstanceOf(RevokedTokenError);

    expect(table.reads()).toBe(1);
  });

  it('still confirms the refusal of a session begun within the margin before the logout', async () => {
    const table = aRevocationTable({
      'user-1': { userId: 'user-1', revokedAt: LOGOUT, allowedSessions: [] },
    });
    const verifier = createAccessTokenVerifier({
      checkToken: decodingCheck,
      revocations: cachedRevocations(table.reader),
    });

    await expect(verifier.verify(aToken({ iat: LOGOUT_SECOND - 2 }))).rejects.toBeInstanceOf(
      RevokedTokenError,
    );

    expect(table.reads()).toBe(2);
  });

  it('accepts from the cache without reading the table again within a second', async () => {
    let now = 0;
    const table = aRevocationTable();
    const verifier = createAccessTokenVerifier({
      checkToken: decodingCheck,
      revocations: cachedRevocations(table.reader, { now: () => now }),
    });

    await verifier.verify(aToken());
    now += 999;
    await verifier.verify(aToken());

    expect(table.reads()).toBe(1);
  });

  it('sees a logout at most one second late', async () => {
    let now = 0;
    const table = aRevocationTable();
    const verifier = createAccessTokenVerifier({
      checkToken: decodingCheck,
      revocations: cachedRevocations(table.reader, { now: () => now }),
    });
    const token = aToken({ iat: LOGOUT_SECOND - 1 });
    await verifier.verify(token);

    table.records['user-1'] = { userId: 'user-1', revokedAt: LOGOUT, allowedSessions: [] };
    now += 1000;

    await expect(verifier.verify(token)).rejects.toBeInstanceOf(RevokedTokenError);
  });
});

describe('bearerAuthenticator', () => {
  const verifier = createAccessTokenVerifier({
    checkToken: decodingCheck,
    revocations: cachedRevocations(aRevocationTable().reader),
  });

  it('verifies the bearer token of the Authorization header', async () => {
    const event = anHttpEvent({ headers: { authorization: `Bearer ${aToken()}` } });

    await expect(bearerAuthenticator(verifier).authenticate(event)).resolves.toMatchObject({
      userId: 'user-1',
    });
  });

  it('refuses a request without a bearer token', async () => {
    await expect(bearerAuthenticator(verifier).authenticate(anHttpEvent())).rejects.toBeInstanceOf(
      UnauthenticatedError,
    );
  });
});
