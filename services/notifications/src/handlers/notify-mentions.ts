import { contractReader, eventConsumer, messageSentContract } from '@chat/events';
import { blocks, idempotencyGuard, inbox, memberships, preferences, presence } from '../adapters/environment';
import { notifyMessage } from '../use-cases/notify-message';

/**
 * MessageSent with mentions, a reply, or in a DM room (the rule filters the rest out) → inbox items, once per
 * eventId; the inbox's conditional put keeps it once per (message, user) whatever the eventId.
 */
export const handler = eventConsumer(
  { name: 'notifyMentions', guard: idempotencyGuard('notifications.notify-mentions', { repeatable: true }) },
  contractReader(messageSentContract, ({ data }) => ({ roomId: data.roomId, messageId: data.messageId })),
  async ({ data, metadata }, logger) => {
    const deps = {
      memberships: memberships(),
      blocks: blocks(),
      preferences: preferences(),
      presence: presence(),
      inbox: inbox(),
      logger,
    };
    const { eventId, correlationId } = metadata;
    const { notified, skipped } = await notifyMessage(deps, data, { eventId, correlationId });
    return { notified, skipped };
  },
);
