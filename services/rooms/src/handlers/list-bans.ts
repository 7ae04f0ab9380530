import { authenticator } from '@chat/auth-verifier';
import { httpHandler, idParam, limitParam, ok, queryParam } from '@chat/http';
import { roomStoreWithBans } from '../adapters/environment';
import { listBans } from '../use-cases/bans';
import { callerOf } from './request-support';

/** GET /rooms/{roomId}/bans?limit=&cursor= → 200 `{items, nextCursor}` (owner or admin). */
export const handler = httpHandler(
  { name: 'listBans', auth: authenticator },
  async ({ event, principal }) => {
    const cursor = queryParam(event, 'cursor');
    const page = await listBans(
      { rooms: roomStoreWithBans() },
      callerOf(principal),
      idParam(event, 'roomId'),
      {
        limit: limitParam(event),
        ...(cursor === undefined ? {} : { cursor }),
      },
    );
    return ok(page);
  },
);
