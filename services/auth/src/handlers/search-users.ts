import { authenticator } from '@chat/auth-verifier';
import { httpHandler, limitParam, ok, queryParam } from '@chat/http';
import { ValidationError } from '@chat/runtime';
import { usernamePrefixSchema } from '../domain/credentials';
import { profileStore } from '../adapters/environment';
import { searchUsers } from '../use-cases/profiles';

/** GET /users?prefix=ab&limit=20 → 200 `{items: User[]}` in username order. */
export const handler = httpHandler({ name: 'searchUsers', auth: authenticator }, async ({ event }) => {
  const prefix = usernamePrefixSchema.safeParse(queryParam(event, 'prefix') ?? '');
  if (!prefix.success) {
    throw new ValidationError([{ field: 'prefix', message: prefix.error.issues[0]?.message ?? 'Required' }]);
  }
  return ok(
    await searchUsers({ profiles: profileStore() }, { prefix: prefix.data, limit: limitParam(event) }),
  );
});
