import { contractReader, eventConsumer, userDeletedContract } from '@chat/events';
import { erasureDependencies, idempotencyGuard } from '../adapters/environment';
import { eraseConnections } from '../use-cases/erase-connections';

/** UserDeleted → the user's connections are closed and deleted, then their presence items. */
export const handler = eventConsumer(
  { name: 'eraseConnections', guard: idempotencyGuard('realtime.erase-connections') },
  contractReader(userDeletedContract, ({ data }) => ({ userId: data.userId })),
  ({ data }, logger) => eraseConnections(erasureDependencies(logger), data.userId),
);
