/** What a user wants notifications for and how: e-mail and/or push, and the rooms they muted. */
export interface Preferences {
  email: boolean;
  push: boolean;
  mutedRoomIds: string[];
}

/** Most rooms one user may mute. */
export const MAX_MUTED_ROOMS = 500;

/** Until a user says otherwise: e-mail on, push on, nothing muted. */
export const DEFAULT_PREFERENCES: Readonly<Preferences> = Object.freeze({
  email: true,
  push: true,
  mutedRoomIds: [],
});

export function isMuted(preferences: Preferences, roomId: string): boolean {
  return preferences.mutedRoomIds.includes(roomId);
}

/** The delivery channels a notification goes out on, by the user's current preferences. */
export type Channel = 'email' | 'push';

export function channelsOf(
  preferences: Pick<Preferences, 'email' | 'push'>,
  hasEmailAddress: boolean,
): Channel[] {
  const channels: Channel[] = [];
  if (preferences.email && hasEmailAddress) channels.push('email');
  if (preferences.push) channels.push('push');
  return channels;
}
