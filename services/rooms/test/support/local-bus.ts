import { localStack } from '../../../../tools/local/test/support/local-stack';
import type { PublishedEvent } from '../../../../tools/local/src/cloud/eventbridge/types';
import { eventually } from './rooms-api';

/** The events the local EventBridge accepted, for one detail-type (`GET /_local/events`). */
export async function publishedEvents(detailType: string): Promise<PublishedEvent[]> {
  const response = await fetch(
    `${localStack().eventBridge}/_local/events?detailType=${encodeURIComponent(detailType)}`,
    { signal: AbortSignal.timeout(10_000) },
  );
  if (!response.ok) throw new Error(`GET /_local/events answered ${response.status}`);
  return ((await response.json()) as { items: PublishedEvent[] }).items;
}

export interface ObservedEvent<T> {
  eventId: string;
  correlationId: string;
  data: T;
}

function observed<T>(entry: PublishedEvent): ObservedEvent<T> {
  const detail = entry.event.detail as { metadata: { eventId: string; correlationId: string }; data: T };
  return {
    eventId: detail.metadata.eventId,
    correlationId: detail.metadata.correlationId,
    data: detail.data,
  };
}

/** The events of one type whose data matches `filter`, oldest first. */
export async function eventsWhere<T>(
  detailType: string,
  filter: (data: T) => boolean,
): Promise<ObservedEvent<T>[]> {
  return (await publishedEvents(detailType)).map((entry) => observed<T>(entry)).filter((e) => filter(e.data));
}

/** Waits until at least `count` matching events were published, and returns all matching ones. */
export function waitForEvents<T>(
  detailType: string,
  filter: (data: T) => boolean,
  count = 1,
  timeoutMs = 20_000,
): Promise<ObservedEvent<T>[]> {
  return eventually(
    async () => {
      const events = await eventsWhere(detailType, filter);
      return events.length >= count ? events : undefined;
    },
    { timeoutMs, intervalMs: 150, what: `${count} ${detailType} event(s)` },
  );
}

/**
 * Waits until the rooms service has taken in the UserRegistered event of `userId` (its users projection knows
 * the user), so the user can be invited or messaged directly by id.
 */
export async function knownToRooms(userId: string): Promise<void> {
  await eventually(
    async () => {
      const events = await publishedEvents('UserRegistered');
      const entry = events.find(
        (e) => (e.event.detail as { data?: { userId?: string } }).data?.userId === userId,
      );
      const delivery = entry?.deliveries.find((d) => d.target === 'rooms.rememberRegisteredUser');
      if (delivery?.status === 'failed')
        throw new Error(`UserRegistered of ${userId} failed: ${delivery.error}`);
      return delivery?.status === 'succeeded' ? true : undefined;
    },
    { timeoutMs: 20_000, what: `the users projection to know ${userId}` },
  );
}
