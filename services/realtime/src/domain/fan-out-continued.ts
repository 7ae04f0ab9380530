import { deterministicEventId, eventMetadataSchema, type IncomingEventBridgeEvent } from '@chat/events';
import * as z from 'zod';
import type { RoomFanOutJob } from '../use-cases/ports';
import {
  FAN_OUT_CONTINUED,
  FAN_OUT_CONTINUED_SOURCE,
  FAN_OUT_CONTINUED_VERSION,
} from './continuation-pattern';

export { FAN_OUT_CONTINUED } from './continuation-pattern';

/**
 * `FanOutContinued`: realtime's internal event (source `chat.realtime`, not a domain event of libs/events, no
 * other consumer) that carries the rest of a room fan-out to another invocation: the frame, the room, and the
 * userId after which the next page of members starts. Same envelope as the domain events.
 */

const jobSchema = z.object({
  roomId: z.string().min(1),
  frame: z.looseObject({ type: z.string().min(1), eventId: z.string().min(1) }),
  alsoNotify: z.array(z.string().min(1)),
  after: z.string().min(1).optional(),
  page: z.number().int().min(2),
});

const envelopeSchema = z.object({
  metadata: eventMetadataSchema.extend({
    eventType: z.literal(FAN_OUT_CONTINUED),
    version: z.literal(FAN_OUT_CONTINUED_VERSION),
  }),
  data: jobSchema,
});

export interface FanOutContinuedEnvelope {
  metadata: z.infer<typeof envelopeSchema>['metadata'];
  data: RoomFanOutJob;
}

/**
 * The envelope of the continuation of `job`. Its eventId is derived from the fan-out's source event and the page,
 * so a retried invocation that hands on the same page again produces the same id, and the copy is dropped.
 */
export function fanOutContinuedEvent(
  job: RoomFanOutJob,
  causedBy: { eventId: string; correlationId: string },
  now: Date,
): FanOutContinuedEnvelope {
  return {
    metadata: {
      eventId: deterministicEventId(`fan-out#${job.frame.eventId}#page#${job.page}`),
      eventType: FAN_OUT_CONTINUED,
      version: FAN_OUT_CONTINUED_VERSION,
      occurredAt: now.toISOString(),
      correlationId: causedBy.correlationId,
      causationId: causedBy.eventId,
      producer: 'realtime.fan-out-room',
    },
    data: job,
  };
}

/** Reads a FanOutContinued event; anything else is an error. */
export function parseFanOutContinued(event: IncomingEventBridgeEvent): FanOutContinuedEnvelope {
  if (event.source !== FAN_OUT_CONTINUED_SOURCE || event['detail-type'] !== FAN_OUT_CONTINUED) {
    throw new Error(`Not a ${FAN_OUT_CONTINUED} event: ${event.source} / ${event['detail-type']}`);
  }
  const parsed = envelopeSchema.parse(event.detail);
  const { after, ...rest } = parsed.data;
  return {
    metadata: parsed.metadata,
    data: { ...rest, frame: parsed.data.frame, ...(after === undefined ? {} : { after }) },
  };
}
