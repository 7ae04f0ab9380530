import { authenticator } from '@chat/auth-verifier';
import { httpHandler, ok } from '@chat/http';
import { preferences } from '../adapters/environment';
import { getPreferences } from '../use-cases/preferences';

/** GET /notifications/preferences → 200 `{email, push, mutedRoomIds}` (the defaults until the caller sets them). */
export const handler = httpHandler({ name: 'getPreferences', auth: authenticator }, async ({ principal }) =>
  ok(await getPreferences({ preferences: preferences() }, principal.userId)),
);
