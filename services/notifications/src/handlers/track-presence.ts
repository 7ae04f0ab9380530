import { contractReader, eventConsumer, presenceChangedContract } from '@chat/events';
import { presence } from '../adapters/environment';
import { trackPresence } from '../use-cases/projections';

/**
 * PresenceChanged → the presence projection that decides "DM while offline". No idempotency guard: the
 * projection is an upsert where the latest `lastSeenAt` wins, so a redelivery changes nothing.
 */
export const handler = eventConsumer(
  { name: 'trackPresence' },
  contractReader(presenceChangedContract, ({ data }) => ({ userId: data.userId, status: data.status })),
  ({ data }) => trackPresence({ presence: presence() }, data),
);
