import { authenticator } from '@chat/auth-verifier';
import { httpHandler, ok } from '@chat/http';
import { profileStore } from '../adapters/environment';
import { getProfile } from '../use-cases/profiles';

/** GET /users/me → 200 `User`. */
export const handler = httpHandler({ name: 'getMe', auth: authenticator }, async ({ principal }) =>
  ok(await getProfile({ profiles: profileStore() }, principal.userId)),
);
