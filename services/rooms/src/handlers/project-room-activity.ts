import {
  contractReader,
  eventConsumer,
  messageDeletedContract,
  messageEditedContract,
  messageSentContract,
} from '@chat/events';
import { activityPause, roomActivity } from '../adapters/environment';
import { messageActivityOf } from '../domain/room-activity';
import { recordMessageActivity } from '../use-cases/room-activity';

/**
 * MessageSent / MessageEdited / MessageDeleted (chat.messaging) → the room list's last message. No idempotency
 * guard: applying an event twice, or an older one after a newer one, changes nothing.
 */
export const handler = eventConsumer(
  { name: 'projectRoomActivity' },
  contractReader([messageSentContract, messageEditedContract, messageDeletedContract], ({ data }) => ({
    roomId: data.roomId,
    messageId: data.messageId,
  })),
  ({ metadata, data }) =>
    recordMessageActivity(
      { activity: roomActivity(), pause: activityPause },
      messageActivityOf(metadata.eventType, data),
    ),
);
