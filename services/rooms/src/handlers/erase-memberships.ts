import { contractReader, eventConsumer, userDeletedContract } from '@chat/events';
import { idempotencyGuard, roomStore, systemClock, userDirectory } from '../adapters/environment';
import { eraseMemberships } from '../use-cases/erase-memberships';

/** UserDeleted → every membership of the user is removed as a leave (ownership handed over), and the user forgotten. */
export const handler = eventConsumer(
  { name: 'eraseMemberships', guard: idempotencyGuard('rooms.erase-memberships') },
  contractReader(userDeletedContract, ({ data }) => ({ userId: data.userId })),
  async ({ data, metadata }) => ({
    removed: await eraseMemberships(
      { rooms: roomStore(), users: userDirectory(), clock: systemClock },
      data.userId,
      { correlationId: metadata.correlationId },
    ),
  }),
);
