import { contractReader, eventConsumer, userLoggedOutContract } from '@chat/events';
import { deliveryDependencies, idempotencyGuard } from '../adapters/environment';
import { closeUserConnections } from '../use-cases/close-user-connections';

/** UserLoggedOut → closes the user's WebSocket connections opened before the logout. */
export const handler = eventConsumer(
  { name: 'closeUserConnections', guard: idempotencyGuard('realtime.close-user-connections') },
  contractReader(userLoggedOutContract, ({ data }) => ({ userId: data.userId })),
  ({ data }, logger) => closeUserConnections(deliveryDependencies(logger), data),
);
