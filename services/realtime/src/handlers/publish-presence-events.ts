import type { DynamoDBStreamHandler } from 'aws-lambda';
import { buildEvent, presenceChangedContract, publishFromStream, streamRecordEventId } from '@chat/events';
import { createLogger, optionalEnv } from '@chat/runtime';
import { eventPublisher } from '../adapters/environment';
import { presenceChangeOf } from '../domain/presence';

const logger = createLogger({ service: optionalEnv('SERVICE_NAME'), function: 'publishPresenceEvents' });

/**
 * The presence table's stream → PresenceChanged on the bus (the outbox): one event per status change of a
 * user's summary item, with an eventId derived from the stream record (a replayed record publishes the same id).
 */
export const handler: DynamoDBStreamHandler = (event) =>
  publishFromStream({
    publisher: eventPublisher(),
    records: event.Records,
    logger,
    toEvents: (record, newImage, oldImage) => {
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
  });
