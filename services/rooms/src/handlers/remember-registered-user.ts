import { contractReader, eventConsumer, userRegisteredContract } from '@chat/events';
import { idempotencyGuard, userDirectory } from '../adapters/environment';
import { rememberRegisteredUser } from '../use-cases/remember-user';

/** UserRegistered (chat.auth) → the users projection; at most once per eventId. */
export const handler = eventConsumer(
  { name: 'rememberRegisteredUser', guard: idempotencyGuard('rooms.remember-registered-user') },
  contractReader(userRegisteredContract, ({ data }) => ({ userId: data.userId })),
  ({ data }) => rememberRegisteredUser({ users: userDirectory() }, data),
);
