import { contractReader, eventConsumer, userDeletedContract } from '@chat/events';
import { erasureDependencies, idempotencyGuard } from '../adapters/environment';
import { eraseRecipient } from '../use-cases/erase-recipient';

/** UserDeleted → devices (SNS endpoints), the topic and its subscriptions, inbox, preferences, projections go. */
export const handler = eventConsumer(
  { name: 'eraseRecipient', guard: idempotencyGuard('notifications.erase-recipient') },
  contractReader(userDeletedContract, ({ data }) => ({ userId: data.userId })),
  ({ data }) => eraseRecipient(erasureDependencies(), data.userId),
);
