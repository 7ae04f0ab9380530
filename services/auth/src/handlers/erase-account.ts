import { contractReader, eventConsumer, userDeletedContract } from '@chat/events';
import { identityProvider, idempotencyGuard, profileStore, registrationStore } from '../adapters/environment';
import { eraseAccount } from '../use-cases/close-account';

/** UserDeleted → the pool user, the e-mail claim and the profile are erased; the username stays reserved. */
export const handler = eventConsumer(
  { name: 'eraseAccount', guard: idempotencyGuard('auth.erase-account') },
  contractReader(userDeletedContract, ({ data }) => ({ userId: data.userId })),
  async ({ data }) => {
    await eraseAccount(
      { identity: identityProvider(), profiles: profileStore(), registrations: registrationStore() },
      data.userId,
    );
  },
);
