import { toUser, type User } from '../domain/user';
import { ProfileNotFoundError } from '../domain/errors';
import type { ProfileStore } from './ports';

/** `GET /users/me`. */
export async function getProfile(deps: { profiles: ProfileStore }, userId: string): Promise<User> {
  const record = await deps.profiles.get(userId);
  if (!record) throw new ProfileNotFoundError();
  return toUser(record);
}

/** `PATCH /users/me`: the display name is the only editable field. */
export async function updateProfile(
  deps: { profiles: ProfileStore },
  userId: string,
  changes: { displayName: string },
): Promise<User> {
  const record = await deps.profiles.updateDisplayName(userId, changes.displayName);
  if (!record) throw new ProfileNotFoundError();
  return toUser(record);
}

/** `GET /users?prefix=`: username prefix search (mentions, DMs), by an index, in username order. */
export async function searchUsers(
  deps: { profiles: ProfileStore },
  query: { prefix: string; limit: number },
): Promise<{ items: User[] }> {
  const records = await deps.profiles.findByUsernamePrefix(query.prefix, query.limit);
  return { items: records.map(toUser) };
}
