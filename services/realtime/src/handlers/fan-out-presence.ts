import { contractReader, eventConsumer, presenceChangedContract } from '@chat/events';
import { deliveryDependencies, idempotencyGuard, membershipReader } from '../adapters/environment';
import { DEFAULT_PRESENCE_BOUNDS, fanOutPresence } from '../use-cases/fan-out-presence';

/** PresenceChanged → `presence.changed` to the users who share a room with that user (bounded). */
export const handler = eventConsumer(
  { name: 'fanOutPresence', guard: idempotencyGuard('realtime.fan-out-presence', { repeatable: true }) },
  contractReader(presenceChangedContract, ({ data }) => ({ userId: data.userId, status: data.status })),
  ({ data, metadata }, logger) =>
    fanOutPresence(
      { ...deliveryDependencies(logger), memberships: membershipReader(), bounds: DEFAULT_PRESENCE_BOUNDS },
      data,
      metadata.eventId,
    ),
);
