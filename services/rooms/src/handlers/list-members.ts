import { authenticator } from '@chat/auth-verifier';
import { httpHandler, idParam, limitParam, ok, queryParam } from '@chat/http';
import { roomStore } from '../adapters/environment';
import { listMembers } from '../use-cases/list-members';
import { callerOf } from './request-support';

/** GET /rooms/{roomId}/members?limit=&cursor= → 200 `{items, nextCursor}` (members only). */
export const handler = httpHandler(
  { name: 'listMembers', auth: authenticator },
  async ({ event, principal }) => {
    const cursor = queryParam(event, 'cursor');
    const page = await listMembers({ rooms: roomStore() }, callerOf(principal), idParam(event, 'roomId'), {
      limit: limitParam(event),
      ...(cursor === undefined ? {} : { cursor }),
    });
    return ok(page);
  },
);
