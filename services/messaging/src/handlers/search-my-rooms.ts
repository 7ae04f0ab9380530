import { authenticator } from '@chat/auth-verifier';
import { httpHandler, limitParam, ok, queryParam } from '@chat/http';
import { messagingDependencies } from '../adapters/environment';
import { DEFAULT_SEARCH_PAGE, MAX_SEARCH_PAGE } from '../domain/search';
import { searchMyRooms } from '../use-cases/search-messages';

/** GET /search?q=&limit=20&cursor=: across the caller's current rooms */
export const handler = httpHandler(
  { name: 'searchMyRooms', auth: authenticator },
  async ({ event, principal }) => {
    const cursor = queryParam(event, 'cursor');
    return ok(
      await searchMyRooms(messagingDependencies, {
        userId: principal.userId,
        q: event.queryStringParameters?.q,
        limit: limitParam(event, DEFAULT_SEARCH_PAGE, MAX_SEARCH_PAGE),
        ...(cursor === undefined ? {} : { cursor }),
      }),
    );
  },
);
