import type { Session } from '@chat/client';

const KEY = 'chat.session';

/** The part of `localStorage` used (a test passes a map). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The session kept from an earlier visit, or undefined when there is none or it is not a session. */
export function loadSession(store: KeyValueStore): Session | undefined {
  try {
    const raw = store.getItem(KEY);
    if (!raw) return undefined;
    const value = JSON.parse(raw) as Partial<Session>;
    const valid =
      typeof value.userId === 'string' &&
      typeof value.accessToken === 'string' &&
      typeof value.idToken === 'string' &&
      typeof value.refreshToken === 'string' &&
      typeof value.expiresAt === 'number';
    return valid ? (value as Session) : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps the session (or forgets it: `undefined`). */
export function saveSession(store: KeyValueStore, session: Session | undefined): void {
  try {
    if (session) store.setItem(KEY, JSON.stringify(session));
    else store.removeItem(KEY);
  } catch {
    // storage full or disabled: the session lasts until the tab closes
  }
}
