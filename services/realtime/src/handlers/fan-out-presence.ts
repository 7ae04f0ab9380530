import { contractReader, eventConsumer, presenceChangedContract } from '@chat/events';
import { systemClock } from '@chat/runtime';
import {
  connectionDirectory,
  connectionStore,
  deliveryRetry,
  fanOutConcurrency,
  idempotencyGuard,
  membershipReader,
  messenger,
} from '../adapters/environment';
import { DEFAULT_PRESENCE_BOUNDS, fanOutPresence } from '../use-cases/fan-out-presence';

/** PresenceChanged → `presence.changed` to the users who share a room with that user (bounded). */
export const handler = eventConsumer(
  { name: 'fanOutPresence', guard: idempotencyGuard('realtime.fan-out-presence') },
  contractReader(presenceChangedContract, ({ data }) => ({ userId: data.userId, status: data.status })),
  ({ data, metadata }, logger) =>
    fanOutPresence(
      {
        connections: connectionStore(),
        directory: connectionDirectory(),
        clock: systemClock,
        messenger: messenger(),
        memberships: membershipReader(),
        bounds: DEFAULT_PRESENCE_BOUNDS,
        concurrency: fanOutConcurrency(),
        retry: deliveryRetry,
        logger,
      },
      data,
      metadata.eventId,
    ),
);
