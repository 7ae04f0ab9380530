import type { KnownUser, UserDirectory } from './ports';

/** UserRegistered → the users projection (userId → username), for invites and DMs by user id. */
export async function rememberRegisteredUser(deps: { users: UserDirectory }, user: KnownUser): Promise<void> {
  await deps.users.remember({ userId: user.userId, username: user.username });
}
