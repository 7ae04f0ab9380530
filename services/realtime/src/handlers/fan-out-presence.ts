import { parseEvent, presenceChangedContract } from '@chat/events';
import {
  connectionDirectory,
  connectionStore,
  deliveryRetry,
  fanOutConcurrency,
  idempotencyGuard,
  membershipReader,
  messenger,
  systemClock,
} from '../adapters/environment';
import { DEFAULT_PRESENCE_BOUNDS, fanOutPresence } from '../use-cases/fan-out-presence';
import { eventConsumer } from './event-consumer';

/** PresenceChanged → `presence.changed` to the users who share a room with that user (bounded). */
export const handler = eventConsumer(
  { name: 'fanOutPresence', guard: idempotencyGuard('realtime.fan-out-presence') },
  (event, logger) => {
    const { metadata, data } = parseEvent(presenceChangedContract, event, { logger });
    return {
      eventId: metadata.eventId,
      correlationId: metadata.correlationId,
      input: data,
      context: { userId: data.userId, status: data.status },
    };
  },
  async (change, logger, { eventId }) => ({
    ...(await fanOutPresence(
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
      change,
      eventId,
    )),
  }),
);
