import { outboxHandler, streamChangeOf } from '@chat/events';
import { eventPublisher } from '../adapters/environment';
import { storedMembershipOf } from '../adapters/items';
import { membershipEventsOf } from '../use-cases/stream-events';

/** The memberships table's stream → UserJoined / UserLeft on the bus (the outbox). */
export const handler = outboxHandler(
  'publishMembershipEvents',
  eventPublisher,
  (record, newImage, oldImage) =>
    membershipEventsOf(streamChangeOf(record, newImage, oldImage, storedMembershipOf)),
);
