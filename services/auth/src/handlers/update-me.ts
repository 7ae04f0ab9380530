import { authenticator } from '@chat/auth-verifier';
import { httpHandler, ok } from '@chat/http';
import { profileStore } from '../adapters/environment';
import { updateProfile } from '../use-cases/profiles';
import { updateProfileBody } from '../domain/requests';

/** PATCH /users/me `{displayName}` → 200 `User`. */
export const handler = httpHandler(
  { name: 'updateMe', auth: authenticator, body: updateProfileBody },
  async ({ principal, body }) =>
    ok(await updateProfile({ profiles: profileStore() }, principal.userId, body)),
);
