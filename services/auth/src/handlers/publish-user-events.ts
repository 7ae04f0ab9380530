import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { publishFromStream } from '@chat/events';
import { createLogger } from '@chat/runtime';
import { eventPublisher } from '../adapters/environment';
import { userRegisteredEventsOf } from '../use-cases/stream-events';

const logger = createLogger({ service: 'chat-auth', function: 'publishUserEvents' });

/** The users table's stream → UserRegistered on the event bus (the outbox), with partial batch failures. */
export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> =>
  publishFromStream({
    publisher: eventPublisher(),
    records: event.Records,
    toEvents: userRegisteredEventsOf,
    logger,
  });
