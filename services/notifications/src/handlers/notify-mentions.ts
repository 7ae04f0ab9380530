import type { EventBridgeEvent } from 'aws-lambda';
import { messageSentContract, parseEvent } from '@chat/events';
import { createLogger } from '@chat/runtime';
import { idempotencyGuard, inbox, memberships, preferences, presence } from '../adapters/environment';
import { notifyMessage } from '../use-cases/notify-message';

const logger = createLogger({ service: 'chat-notifications', function: 'notifyMentions' });
const guard = idempotencyGuard('notifications.notify-mentions');

/**
 * MessageSent with mentions, or in a DM room (the rule filters the rest out) → inbox items, once per
 * eventId; the inbox's conditional put keeps it once per (message, user) whatever the eventId.
 */
export const handler = async (event: EventBridgeEvent<string, unknown>): Promise<void> => {
  const sent = parseEvent(messageSentContract, event, { logger });
  const { eventId, correlationId } = sent.metadata;
  const { roomId, messageId } = sent.data;
  const log = logger.child({ eventId, correlationId, roomId, messageId });
  const deps = {
    memberships: memberships(),
    preferences: preferences(),
    presence: presence(),
    inbox: inbox(),
    logger: log,
  };
  const run = await guard().once(eventId, () => notifyMessage(deps, sent.data, { eventId, correlationId }));
  if (!run.executed) {
    log.info('duplicate delivery skipped');
    return;
  }
  log.info('message handled', { notified: run.result.notified, skipped: run.result.skipped });
};
