import type { EventBridgeEvent } from 'aws-lambda';
import { parseEvent, userRegisteredContract } from '@chat/events';
import { createLogger } from '@chat/runtime';
import { idempotencyGuard, userDirectory } from '../adapters/environment';
import { rememberRegisteredUser } from '../use-cases/remember-user';

const logger = createLogger({ service: 'chat-rooms', function: 'rememberRegisteredUser' });
const guard = idempotencyGuard('rooms.remember-registered-user');

/** UserRegistered (chat.auth) → the users projection; at most once per eventId. */
export const handler = async (event: EventBridgeEvent<string, unknown>): Promise<void> => {
  const registered = parseEvent(userRegisteredContract, event, { logger });
  const { eventId, correlationId } = registered.metadata;
  const { userId } = registered.data;
  const outcome = await guard().once(eventId, () =>
    rememberRegisteredUser({ users: userDirectory() }, registered.data),
  );
  logger.info(outcome.executed ? 'user remembered' : 'duplicate delivery skipped', {
    eventId,
    correlationId,
    userId,
  });
};
