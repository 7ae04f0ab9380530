import { busEvents, eventually, handledBy } from '@chat/testing';

export interface ObservedEvent<T> {
  eventId: string;
  correlationId: string;
  data: T;
}

/** The events of one type whose data matches `filter`, oldest first. */
export async function eventsWhere<T>(
  detailType: string,
  filter: (data: T) => boolean,
): Promise<ObservedEvent<T>[]> {
  return (await busEvents<T>(detailType))
    .map(({ event: { detail } }) => ({
      eventId: detail.metadata.eventId,
      correlationId: detail.metadata.correlationId,
      data: detail.data,
    }))
    .filter((e) => filter(e.data));
}

/** Waits until at least `count` matching events were published, and returns all matching ones. */
export function waitForEvents<T>(
  detailType: string,
  filter: (data: T) => boolean,
  count = 1,
): Promise<ObservedEvent<T>[]> {
  return eventually(
    async () => {
      const events = await eventsWhere(detailType, filter);
      return events.length >= count ? events : undefined;
    },
    { intervalMs: 150, what: `${count} ${detailType} event(s)` },
  );
}

/**
 * Waits until the rooms service has taken in the UserRegistered event of `userId` (its users projection knows
 * the user), so the user can be invited or messaged directly by id.
 */
export async function knownToRooms(userId: string): Promise<void> {
  await handledBy<{ userId: string }>(
    'rooms.rememberRegisteredUser',
    'UserRegistered',
    (data) => data.userId === userId,
  );
}
