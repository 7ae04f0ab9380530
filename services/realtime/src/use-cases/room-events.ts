import {
  messageDeletedContract,
  messageEditedContract,
  messageSentContract,
  parseEvent,
  reactionChangedContract,
  userJoinedContract,
  userLeftContract,
  type IncomingEventBridgeEvent,
} from '@chat/events';
import type { Logger } from '@chat/runtime';
import {
  memberJoinedFrame,
  memberLeftFrame,
  messageDeletedFrame,
  messageEditedFrame,
  messageSentFrame,
  reactionChangedFrame,
} from '../domain/server-frames';
import { FAN_OUT_CONTINUED, parseFanOutContinued } from '../domain/fan-out-continued';
import type { RoomFanOutJob } from './ports';

/** A room fan-out to run, and the event it runs for (for idempotency, correlation and logs). */
export interface RoomDelivery {
  job: RoomFanOutJob;
  eventId: string;
  correlationId: string;
}

const firstPage = (
  roomId: string,
  frame: RoomFanOutJob['frame'],
  alsoNotify: string[] = [],
): RoomFanOutJob => ({ roomId, frame, alsoNotify, page: 1 });

/**
 * Reads an event the room fan-out consumes, with its contract, as the job to run: MessageSent / MessageEdited /
 * MessageDeleted / ReactionChanged and UserJoined → the room's members; UserLeft → the members and the user who left (so their
 * other devices learn it); FanOutContinued → the next page of a fan-out already started.
 */
export function roomDeliveryOf(event: IncomingEventBridgeEvent, logger?: Logger): RoomDelivery {
  const options = logger ? { logger } : {};
  const from = (metadata: { eventId: string; correlationId: string }, job: RoomFanOutJob): RoomDelivery => ({
    job,
    eventId: metadata.eventId,
    correlationId: metadata.correlationId,
  });
  switch (event['detail-type']) {
    case messageSentContract.detailType: {
      const { metadata, data } = parseEvent(messageSentContract, event, options);
      return from(metadata, firstPage(data.roomId, messageSentFrame(data, metadata.eventId)));
    }
    case messageEditedContract.detailType: {
      const { metadata, data } = parseEvent(messageEditedContract, event, options);
      return from(metadata, firstPage(data.roomId, messageEditedFrame(data, metadata.eventId)));
    }
    case messageDeletedContract.detailType: {
      const { metadata, data } = parseEvent(messageDeletedContract, event, options);
      return from(metadata, firstPage(data.roomId, messageDeletedFrame(data, metadata.eventId)));
    }
    case reactionChangedContract.detailType: {
      const { metadata, data } = parseEvent(reactionChangedContract, event, options);
      return from(metadata, firstPage(data.roomId, reactionChangedFrame(data, metadata.eventId)));
    }
    case userJoinedContract.detailType: {
      const { metadata, data } = parseEvent(userJoinedContract, event, options);
      return from(metadata, firstPage(data.roomId, memberJoinedFrame(data, metadata.eventId)));
    }
    case userLeftContract.detailType: {
      const { metadata, data } = parseEvent(userLeftContract, event, options);
      return from(metadata, firstPage(data.roomId, memberLeftFrame(data, metadata.eventId), [data.userId]));
    }
    case FAN_OUT_CONTINUED: {
      const { metadata, data } = parseFanOutContinued(event);
      return from(metadata, data);
    }
    default:
      throw new Error(`The room fan-out does not consume ${event['detail-type']} events`);
  }
}
