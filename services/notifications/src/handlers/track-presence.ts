import type { EventBridgeEvent } from 'aws-lambda';
import { parseEvent, presenceChangedContract } from '@chat/events';
import { createLogger } from '@chat/runtime';
import { presence } from '../adapters/environment';
import { trackPresence } from '../use-cases/projections';

const logger = createLogger({ service: 'chat-notifications', function: 'trackPresence' });

/** PresenceChanged → the presence projection that decides "DM while offline". */
export const handler = async (event: EventBridgeEvent<string, unknown>): Promise<void> => {
  const change = parseEvent(presenceChangedContract, event, { logger });
  await trackPresence({ presence: presence() }, change.data);
  logger.info('presence recorded', {
    eventId: change.metadata.eventId,
    correlationId: change.metadata.correlationId,
    userId: change.data.userId,
    status: change.data.status,
  });
};
