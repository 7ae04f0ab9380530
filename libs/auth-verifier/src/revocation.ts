import type { TokenSession } from './token-session';

/**
 * A user's logout, as stored in auth's revocations table (one item per user, keyed by `userId`):
 * - `revokedAt`: when the user last logged out (ISO-8601, milliseconds). Every session that began before it is
 *   revoked.
 * - `closedAt`: set when the user closed their account; then every session is revoked, for good.
 * - `allowedSessions`: sessions that began within the second of `revokedAt` but after it. Token times have
 *   one-second granularity, so the auth service lists the sessions it started after the logout in that same
 *   second (a login right after a logout); a new logout replaces the item and empties the list.
 */
export interface RevocationRecord {
  userId: string;
  revokedAt: string;
  allowedSessions: string[];
  /** Set when the user closed their account: every token of the user is refused, whenever it was issued. */
  closedAt?: string;
}

/** Reads the revocation record of a user (undefined: the user never logged out, or it expired). */
export interface RevocationReader {
  get(userId: string): Promise<RevocationRecord | undefined>;
}

/** The DynamoDB attribute names of the revocations table (the auth service writes them, everyone reads them). */
export const revocationAttributes = {
  userId: 'userId',
  revokedAt: 'revokedAt',
  allowedSessions: 'allowedSessions',
  /** TTL attribute, epoch seconds: the item outlives every token it can refuse. */
  expiresAt: 'expiresAt',
  correlationId: 'correlationId',
  /** When the account was closed (ISO); such a record has no TTL and refuses every session. */
  closedAt: 'closedAt',
} as const;

/** The last second, in epoch seconds, whose sessions a revocation refuses (unless allowed). */
export function lastRevokedSecond(record: RevocationRecord): number {
  return Math.floor(Date.parse(record.revokedAt) / 1000);
}

/**
 * The revocation rule: a session that began in a second after the logout's second is valid; one that began
 * in or before it is revoked, except the sessions the auth service allowed (begun after the logout, in its
 * second).
 */
export function isRevoked(record: RevocationRecord | undefined, session: TokenSession): boolean {
  if (!record || record.userId !== session.userId) return false;
  if (record.closedAt !== undefined) return true;
  if (session.authTime > lastRevokedSecond(record)) return false;
  return !record.allowedSessions.includes(session.sessionKey);
}

/**
 * How long before the logout's second a session must have begun for its refusal to be final. The only sessions
 * a later read can turn valid are those the auth service allows: begun after the logout, in its second (their
 * `auth_time`, Cognito's clock, could read a little earlier); no clock is a minute off.
 */
export const FINAL_REFUSAL_MARGIN_SECONDS = 60;

/**
 * Whether the record refuses the session for good, whatever a later read finds: the account is closed, or the
 * session began well before the logout (a later logout only moves `revokedAt` on; `allowedSessions` only ever
 * lists sessions begun in the logout's second). Such a refusal needs no confirming read, and can be remembered.
 */
export function isFinallyRevoked(record: RevocationRecord | undefined, session: TokenSession): boolean {
  if (!record || record.userId !== session.userId) return false;
  return (
    record.closedAt !== undefined ||
    session.authTime < lastRevokedSecond(record) - FINAL_REFUSAL_MARGIN_SECONDS
  );
}

/**
 * A revocations table item as a record (undefined for no item). A malformed item throws: refusing to guess keeps
 * a broken record from silently re-enabling revoked tokens.
 */
export function revocationRecordOf(item: Record<string, unknown> | undefined): RevocationRecord | undefined {
  if (!item) return undefined;
  const { userId, revokedAt, allowedSessions, closedAt } = item;
  if (typeof userId !== 'string' || typeof revokedAt !== 'string' || Number.isNaN(Date.parse(revokedAt))) {
    throw new Error(`Malformed revocation record (userId ${String(userId)})`);
  }
  const sessions =
    allowedSessions instanceof Set || Array.isArray(allowedSessions) ? [...allowedSessions] : [];
  return {
    userId,
    revokedAt,
    allowedSessions: sessions.filter((s): s is string => typeof s === 'string'),
    ...(typeof closedAt === 'string' ? { closedAt } : {}),
  };
}
