import { DEFAULT_PREFERENCES, type Preferences } from '../domain/preferences';
import type { Clock, PreferencesStore } from './ports';

/** `GET /notifications/preferences`: what the caller set, or the defaults (e-mail on, push on, none muted). */
export async function getPreferences(
  deps: { preferences: PreferencesStore },
  userId: string,
): Promise<Preferences> {
  const stored = await deps.preferences.get(userId);
  return stored ?? { ...DEFAULT_PREFERENCES, mutedRoomIds: [] };
}

/** `PUT /notifications/preferences`: replaces the caller's preferences (validated by the route). */
export async function putPreferences(
  deps: { preferences: PreferencesStore; clock: Clock },
  userId: string,
  preferences: Preferences,
): Promise<Preferences> {
  const stored: Preferences = {
    email: preferences.email,
    push: preferences.push,
    mutedRoomIds: [...preferences.mutedRoomIds],
  };
  await deps.preferences.put(userId, stored, deps.clock.now());
  return stored;
}
