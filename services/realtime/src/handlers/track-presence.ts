import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { unmarshallImage } from '@chat/events';
import { createLogger, optionalEnv } from '@chat/runtime';
import { presenceStore, systemClock } from '../adapters/environment';
import { connectionChangeOf } from '../domain/presence';
import { trackPresence } from '../use-cases/track-presence';

const logger = createLogger({ service: optionalEnv('SERVICE_NAME'), function: 'trackPresence' });

/** The connections table's stream → the presence table (counts and status); partial batch failures. */
export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const now = systemClock.now();
  const inputs = event.Records.map((record) => {
    const sequenceNumber = record.dynamodb?.SequenceNumber ?? '';
    const newImage = unmarshallImage(record.dynamodb?.NewImage);
    const oldImage = unmarshallImage(record.dynamodb?.OldImage);
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
    return change ? { sequenceNumber, change } : { sequenceNumber };
  });
  const failed = await trackPresence({ presence: presenceStore(), logger }, inputs);
  return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
};
