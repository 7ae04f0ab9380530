import { isRevoked, type TokenSession } from '@chat/auth-verifier';
import type { RevocationLedger } from './ports';

/**
 * Token times have one-second granularity, so the tokens of a sign-in made within the same second as the
 * user's last logout look revoked. When the sign-in provably began after the logout (`beganAt` later than
 * `revokedAt`), its session is added to the record's allowed sessions. One that began before the logout
 * stays revoked, as it should.
 */
export async function allowNewSession(
  deps: { revocations: RevocationLedger },
  session: TokenSession,
  beganAt: Date,
): Promise<void> {
  const record = await deps.revocations.current(session.userId);
  if (!record || !isRevoked(record, session)) return;
  if (beganAt.getTime() <= Date.parse(record.revokedAt)) return;
  await deps.revocations.allowSession(session.userId, record.revokedAt, session.sessionKey);
}
