import { buildEvent, outboxHandler, presenceChangedContract, streamRecordEventId } from '@chat/events';
import { eventPublisher } from '../adapters/environment';
import { presenceChangeOf } from '../domain/presence';

/**
 * The presence table's stream → PresenceChanged on the bus (the outbox): one event per status change of a
 * user's summary item, with an eventId derived from the stream record (a replayed record publishes the same id).
 */
export const handler = outboxHandler(
  'publishPresenceEvents',
  eventPublisher,
  (record, newImage, oldImage) => {
    const change = presenceChangeOf(newImage, oldImage);
    return change
      ? [
          buildEvent(presenceChangedContract, change, {
            producer: 'realtime.presence-publisher',
            eventId: streamRecordEventId(record),
            now: new Date(change.lastSeenAt),
          }),
        ]
      : [];
  },
);
