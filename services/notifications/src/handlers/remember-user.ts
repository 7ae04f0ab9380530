import type { EventBridgeEvent } from 'aws-lambda';
import { parseEvent, userRegisteredContract } from '@chat/events';
import { createLogger } from '@chat/runtime';
import { provisionDependencies } from '../adapters/environment';
import { rememberUser } from '../use-cases/projections';

const logger = createLogger({ service: 'chat-notifications', function: 'rememberUser' });

/** UserRegistered → the users projection (username, e-mail) and the user's topic with its e-mail subscription. */
export const handler = async (event: EventBridgeEvent<string, unknown>): Promise<void> => {
  const registered = parseEvent(userRegisteredContract, event, { logger });
  const { eventId, correlationId } = registered.metadata;
  const log = logger.child({ eventId, correlationId, userId: registered.data.userId });
  await rememberUser({ ...provisionDependencies(), logger: log }, registered.data);
  log.info('user remembered');
};
