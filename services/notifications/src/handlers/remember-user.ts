import { contractReader, eventConsumer, userRegisteredContract } from '@chat/events';
import { provisionDependencies } from '../adapters/environment';
import { rememberUser } from '../use-cases/projections';

/**
 * UserRegistered → the users projection (username, e-mail) and the user's topic with its e-mail subscription.
 * No idempotency guard: the projection is an upsert and provisioning the topic is idempotent.
 */
export const handler = eventConsumer(
  { name: 'rememberUser' },
  contractReader(userRegisteredContract, ({ data }) => ({ userId: data.userId })),
  ({ data }, logger) => rememberUser({ ...provisionDependencies(), logger }, data),
);
