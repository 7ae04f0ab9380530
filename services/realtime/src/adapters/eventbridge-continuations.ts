import { PutEventsCommand, type EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { fanOutContinuedEvent } from '../domain/fan-out-continued';
import { FAN_OUT_CONTINUED, FAN_OUT_CONTINUED_SOURCE } from '../domain/continuation-pattern';
import type { Clock, FanOutContinuations } from '../use-cases/ports';

/**
 * Hands the rest of a room fan-out to another invocation: a `FanOutContinued` event on the stage's bus, which
 * realtime's own rule delivers to the room fan-out function. A failed entry throws (the invocation is retried).
 */
export function eventBridgeContinuations(
  client: Pick<EventBridgeClient, 'send'>,
  eventBusName: string,
  clock: Clock,
): FanOutContinuations {
  return {
    async continueLater(job, causedBy) {
      const event = fanOutContinuedEvent(job, causedBy, clock.now());
      const output = await client.send(
        new PutEventsCommand({
          Entries: [
            {
              EventBusName: eventBusName,
              Source: FAN_OUT_CONTINUED_SOURCE,
              DetailType: FAN_OUT_CONTINUED,
              Detail: JSON.stringify(event),
              Time: new Date(event.metadata.occurredAt),
            },
          ],
        }),
      );
      const failure = output.Entries?.[0];
      if ((output.FailedEntryCount ?? 0) > 0 || failure?.ErrorCode) {
        throw new Error(
          `FanOutContinued not published: ${failure?.ErrorCode ?? 'unknown'} ${failure?.ErrorMessage ?? ''}`,
        );
      }
    },
  };
}
