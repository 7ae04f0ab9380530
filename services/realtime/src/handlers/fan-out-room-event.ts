import {
  connectionDirectory,
  connectionStore,
  continuations,
  deliveryRetry,
  fanOutConcurrency,
  fanOutPageSize,
  idempotencyGuard,
  membershipReader,
  messenger,
  systemClock,
} from '../adapters/environment';
import { fanOutToRoom } from '../use-cases/fan-out-room';
import { roomDeliveryOf } from '../use-cases/room-events';
import { eventConsumer } from './event-consumer';

/**
 * MessageSent / MessageEdited / MessageDeleted / UserJoined / UserLeft (and realtime's own FanOutContinued) →
 * the frame to every open connection of the room's members, one page of members per invocation.
 */
export const handler = eventConsumer(
  { name: 'fanOutRoomEvent', guard: idempotencyGuard('realtime.fan-out-room') },
  (event, logger) => {
    const delivery = roomDeliveryOf(event, logger);
    return {
      eventId: delivery.eventId,
      correlationId: delivery.correlationId,
      input: delivery,
      context: {
        roomId: delivery.job.roomId,
        page: delivery.job.page,
        sourceEventId: delivery.job.frame.eventId,
      },
    };
  },
  async (delivery, logger) => ({
    ...(await fanOutToRoom(
      {
        connections: connectionStore(),
        directory: connectionDirectory(),
        clock: systemClock,
        messenger: messenger(),
        memberships: membershipReader(),
        continuations: continuations(),
        pageSize: fanOutPageSize(),
        concurrency: fanOutConcurrency(),
        retry: deliveryRetry,
        logger,
      },
      delivery.job,
      { eventId: delivery.eventId, correlationId: delivery.correlationId },
    )),
  }),
);
