import { buildEvent, outboxHandler, readMarkerMovedContract, streamRecordEventId } from '@chat/events';
import { eventPublisher } from '../adapters/environment';
import { markerOfItem, movedMarkerOf } from '../domain/read-markers';

const PRODUCER = 'messaging.publish-read-marker-events';

/**
 * The read-markers table's outbox: every move of a marker is one ReadMarkerMoved (realtime turns it into
 * read.updated frames). The event id derives from the stream record, so a redelivered record republishes the
 * same id; the correlation id is the one of the PUT /read that moved the marker.
 */
export const handler = outboxHandler(
  'publishReadMarkerEvents',
  eventPublisher,
  (record, newItem, oldItem) => {
    const after = newItem && markerOfItem(newItem);
    const moved = movedMarkerOf(oldItem && markerOfItem(oldItem), after);
    if (!moved || !after) return [];
    return [
      buildEvent(
        readMarkerMovedContract,
        {
          roomId: moved.roomId,
          userId: moved.userId,
          messageId: moved.lastReadMessageId,
          seq: moved.lastReadSeq,
          readAt: moved.readAt,
        },
        {
          producer: PRODUCER,
          eventId: streamRecordEventId(record),
          now: new Date(moved.readAt),
          ...(after.correlationId === undefined ? {} : { correlationId: after.correlationId }),
        },
      ),
    ];
  },
);
