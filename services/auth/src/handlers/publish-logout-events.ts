import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { publishFromStream } from '@chat/events';
import { createLogger } from '@chat/runtime';
import { eventPublisher } from '../adapters/environment';
import { userLoggedOutEventsOf } from '../use-cases/stream-events';

const logger = createLogger({ service: 'chat-auth', function: 'publishLogoutEvents' });

/** The revocations table's stream → UserLoggedOut on the event bus (realtime closes the user's sockets). */
export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> =>
  publishFromStream({
    publisher: eventPublisher(),
    records: event.Records,
    toEvents: userLoggedOutEventsOf,
    logger,
  });
