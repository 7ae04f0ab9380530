import { ChatClientError } from './errors.js';
import type { RefreshedTokens, SignIn } from './generated/api-types.js';

/** What a signed-in client holds; an app may store it and give it back (`chat.useSession`). */
export interface Session {
  userId: string;
  accessToken: string;
  idToken: string;
  refreshToken: string;
  /** When the access token expires (ms since the epoch). */
  expiresAt: number;
}

/** Refresh this long before the access token expires (and before every reconnect within it). */
export const REFRESH_MARGIN_MS = 60_000;

/** The claims of a JWT, unverified (the server verifies; the client only reads `sub` and `exp`). */
export function jwtClaims(token: string): { sub?: string; exp?: number } {
  const payload = token.split('.')[1];
  if (payload === undefined) return {};
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(
      [...atob(base64)].map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''),
    );
    return JSON.parse(json) as { sub?: string; exp?: number };
  } catch {
    return {};
  }
}

/** The session of a login (or a refresh of `previous`), its expiry read from the token, else from `expiresIn`. */
export function sessionOf(
  tokens: SignIn | (RefreshedTokens & { refreshToken: string }),
  now: number,
): Session {
  const claims = jwtClaims(tokens.accessToken);
  if (typeof claims.sub !== 'string') throw new ChatClientError('the access token names no user');
  return {
    userId: claims.sub,
    accessToken: tokens.accessToken,
    idToken: tokens.idToken,
    refreshToken: tokens.refreshToken,
    expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : now + tokens.expiresIn * 1000,
  };
}

/**
 * Keeps the session's tokens fresh: `accessToken()` refreshes first when the token expires within the margin;
 * concurrent callers share one refresh.
 */
export class TokenKeeper {
  private current: Session | undefined;
  private refreshing: Promise<Session> | undefined;

  constructor(
    private readonly refresh: (refreshToken: string) => Promise<RefreshedTokens>,
    private readonly now: () => number = Date.now,
  ) {}

  get session(): Session | undefined {
    return this.current;
  }

  set(session: Session | undefined): void {
    this.current = session;
    this.refreshing = undefined;
  }

  needsRefresh(): boolean {
    return this.current !== undefined && this.current.expiresAt - this.now() <= REFRESH_MARGIN_MS;
  }

  /** A valid access token, refreshed when it is about to expire. */
  async accessToken(): Promise<string> {
    if (!this.current) throw new ChatClientError('not signed in: call login() first');
    if (this.needsRefresh()) return (await this.forceRefresh()).accessToken;
    return this.current.accessToken;
  }

  /** A refresh now, whatever the token's expiry (after the server refused it); shared by concurrent callers. */
  forceRefresh(): Promise<Session> {
    const session = this.current;
    if (!session) return Promise.reject(new ChatClientError('not signed in: call login() first'));
    this.refreshing ??= this.refresh(session.refreshToken)
      .then((tokens) => {
        const next = sessionOf({ ...tokens, refreshToken: session.refreshToken }, this.now());
        if (this.current === session) this.current = next;
        return next;
      })
      .finally(() => {
        this.refreshing = undefined;
      });
    return this.refreshing;
  }
}
