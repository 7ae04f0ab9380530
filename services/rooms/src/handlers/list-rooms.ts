import { authenticator } from '@chat/auth-verifier';
import { httpHandler, limitParam, ok, queryParam } from '@chat/http';
import { roomStore } from '../adapters/environment';
import { listPublicRooms } from '../use-cases/list-rooms';

/** GET /rooms?limit=&cursor= → 200 `{items, nextCursor}`: the public directory, newest first. */
export const handler = httpHandler({ name: 'listRooms', auth: authenticator }, async ({ event }) => {
  const cursor = queryParam(event, 'cursor');
  const page = await listPublicRooms(
    { rooms: roomStore() },
    { limit: limitParam(event), ...(cursor === undefined ? {} : { cursor }) },
  );
  return ok(page);
});
