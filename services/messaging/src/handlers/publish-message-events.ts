import {
  buildEvent,
  messageDeletedContract,
  messageEditedContract,
  messageSentContract,
  outboxHandler,
  reactionChangedContract,
  streamRecordEventId,
  type EventEnvelope,
} from '@chat/events';
import { eventPublisher } from '../adapters/environment';
import { lastReactionOfItem, messageOfItem, threadAuthorOfItem } from '../adapters/message-item';
import { deletedEventData, messageChangeOf, occurredAtOf } from '../domain/message-change';

const PRODUCER = 'messaging.publish-message-events';

/**
 * The outbox: the messages table's stream is the only publisher of MessageSent, MessageEdited,
 * MessageDeleted and ReactionChanged. Each event's id derives from its stream record, so a redelivered record republishes the same
 * eventId; the correlation id is the one the writing request stored on the item.
 */
export const handler = outboxHandler(
  'publishMessageEvents',
  eventPublisher,
  (record, newItem, oldItem): EventEnvelope[] => {
    const change = messageChangeOf(
      oldItem && messageOfItem(oldItem),
      newItem && messageOfItem(newItem),
      lastReactionOfItem(newItem),
    );
    if (!change) return [];
    const correlationId = typeof newItem?.correlationId === 'string' ? newItem.correlationId : undefined;
    const options = {
      producer: PRODUCER,
      eventId: streamRecordEventId(record),
      now: new Date(occurredAtOf(change)),
      ...(correlationId ? { correlationId } : {}),
    };
    switch (change.kind) {
      case 'sent': {
        const threadAuthorId = newItem && threadAuthorOfItem(newItem);
        const data = threadAuthorId === undefined ? change.message : { ...change.message, threadAuthorId };
        return [buildEvent(messageSentContract, data, options)];
      }
      case 'edited':
        return [buildEvent(messageEditedContract, change.message, options)];
      case 'deleted':
        return [buildEvent(messageDeletedContract, deletedEventData(change), options)];
      case 'reacted':
        return [buildEvent(reactionChangedContract, change.reaction, options)];
    }
  },
);
