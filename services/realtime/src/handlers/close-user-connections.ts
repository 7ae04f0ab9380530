import { contractReader, eventConsumer, userLoggedOutContract } from '@chat/events';
import { systemClock } from '@chat/runtime';
import {
  connectionDirectory,
  connectionStore,
  deliveryRetry,
  idempotencyGuard,
  messenger,
} from '../adapters/environment';
import { closeUserConnections } from '../use-cases/close-user-connections';

/** UserLoggedOut → closes the user's WebSocket connections opened before the logout. */
export const handler = eventConsumer(
  { name: 'closeUserConnections', guard: idempotencyGuard('realtime.close-user-connections') },
  contractReader(userLoggedOutContract, ({ data }) => ({ userId: data.userId })),
  ({ data }, logger) =>
    closeUserConnections(
      {
        connections: connectionStore(),
        directory: connectionDirectory(),
        clock: systemClock,
        messenger: messenger(),
        retry: deliveryRetry,
        logger,
      },
      data,
    ),
);
