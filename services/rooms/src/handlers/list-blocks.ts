import { authenticator } from '@chat/auth-verifier';
import { httpHandler, limitParam, ok, queryParam } from '@chat/http';
import { blockStore } from '../adapters/environment';
import { listBlocks } from '../use-cases/blocks';
import { callerOf } from './request-support';

/** GET /users/me/blocks?limit=&cursor= → 200 `{items: [{userId, createdAt}], nextCursor}` (limit 1–100, 50). */
export const handler = httpHandler(
  { name: 'listBlocks', auth: authenticator },
  async ({ event, principal }) => {
    const cursor = queryParam(event, 'cursor');
    const page = await listBlocks({ blocks: blockStore() }, callerOf(principal), {
      limit: limitParam(event, 50),
      ...(cursor === undefined ? {} : { cursor }),
    });
    return ok(page);
  },
);
