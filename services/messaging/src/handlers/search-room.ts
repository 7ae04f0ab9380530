import { authenticator } from '@chat/auth-verifier';
import { httpHandler, idParam, limitParam, ok, queryParam } from '@chat/http';
import { messagingDependencies } from '../adapters/environment';
import { DEFAULT_SEARCH_PAGE, MAX_SEARCH_PAGE } from '../domain/search';
import { searchRoom } from '../use-cases/search-messages';

/** GET /rooms/{roomId}/search?q=&limit=20&cursor= (members only) */
export const handler = httpHandler(
  { name: 'searchRoom', auth: authenticator },
  async ({ event, principal }) => {
    const cursor = queryParam(event, 'cursor');
    return ok(
      await searchRoom(messagingDependencies, {
        roomId: idParam(event, 'roomId'),
        userId: principal.userId,
        q: event.queryStringParameters?.q,
        limit: limitParam(event, DEFAULT_SEARCH_PAGE, MAX_SEARCH_PAGE),
        ...(cursor === undefined ? {} : { cursor }),
      }),
    );
  },
);
