import { eventConsumer } from '@chat/events';
import {
  continuations,
  deliveryDependencies,
  fanOutPageSize,
  idempotencyGuard,
  membershipReader,
} from '../adapters/environment';
import { fanOutToRoom } from '../use-cases/fan-out-room';
import { roomDeliveryOf } from '../use-cases/room-events';

/**
 * MessageSent / MessageEdited / MessageDeleted / ReactionChanged / UserJoined / UserLeft (and realtime's own FanOutContinued) →
 * the frame to every open connection of the room's members, one page of members per invocation.
 */
export const handler = eventConsumer(
  { name: 'fanOutRoomEvent', guard: idempotencyGuard('realtime.fan-out-room', { repeatable: true }) },
  (event, logger) => {
    const { job, eventId, correlationId } = roomDeliveryOf(event, logger);
    return {
      eventId,
      correlationId,
      input: job,
      context: { roomId: job.roomId, page: job.page, sourceEventId: job.frame.eventId },
    };
  },
  (job, logger, { eventId, correlationId }) =>
    fanOutToRoom(
      {
        ...deliveryDependencies(logger),
        memberships: membershipReader(),
        continuations: continuations(),
        pageSize: fanOutPageSize(),
      },
      job,
      { eventId, correlationId },
    ),
);
