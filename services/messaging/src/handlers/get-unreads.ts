import { authenticator } from '@chat/auth-verifier';
import { httpHandler, ok, queryParam } from '@chat/http';
import { messagingDependencies } from '../adapters/environment';
import { countUnreadOfRooms } from '../use-cases/read-markers';

/** GET /unread?roomIds=a,b (1 to 100 ids): 200 `{items: [{roomId, count, capped, lastReadMessageId}]}`. */
export const handler = httpHandler(
  { name: 'getUnreads', auth: authenticator },
  async ({ event, principal, logger }) => {
    const result = await countUnreadOfRooms(messagingDependencies, {
      userId: principal.userId,
      roomIds: queryParam(event, 'roomIds'),
    });
    logger.info('unread counted', { rooms: result.items.length });
    return ok(result);
  },
);
