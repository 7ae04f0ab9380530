import { httpHandler, noContent } from '@chat/http';
import { identityProvider } from '../adapters/environment';
import { confirmRegistration } from '../use-cases/confirm-registration';
import { confirmBody } from '../domain/requests';

/** POST /auth/confirm `{username, code}` → 204; 400 naming `code` when it does not match. */
export const handler = httpHandler({ name: 'confirm', auth: 'none', body: confirmBody }, async ({ body }) => {
  await confirmRegistration({ identity: identityProvider() }, body);
  return noContent();
});
