import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { processInOrder } from '@chat/aws';
import { COMMON_ENV, createLogger, observedInvocation, optionalEnv, systemClock } from '@chat/runtime';
import { presenceStore } from '../adapters/environment';
import { connectionChangeOf } from '../domain/presence';
import { trackPresence } from '../use-cases/track-presence';

const logger = createLogger({ service: optionalEnv(COMMON_ENV.serviceName), function: 'trackPresence' });

/** The connections table's stream → the presence table (counts and status), in order; partial batch failures. */
export const handler = observedInvocation(
  (event: DynamoDBStreamEvent, _context?: Context): Promise<DynamoDBBatchResponse> => {
    const now = systemClock.now();
    return processInOrder(
      event.Records,
      async (record, newImage, oldImage) => {
        const removedBy = record.userIdentity?.principalId;
        const change = connectionChangeOf(
          {
            eventName: record.eventName,
            ...(newImage ? { newImage } : {}),
            ...(oldImage ? { oldImage } : {}),
            ...(typeof removedBy === 'string' ? { removedBy } : {}),
          },
          now,
        );
        if (change) await trackPresence({ presence: presenceStore(), logger }, change);
      },
      logger,
      { failureMessage: 'connection change not tracked' },
    );
  },
);
