import { authenticator } from '@chat/auth-verifier';
import { httpHandler, limitParam, ok, idParam, queryParam } from '@chat/http';
import { messagingDependencies } from '../adapters/environment';
import { RECEIPTS_DEFAULT_LIMIT, RECEIPTS_MAX_LIMIT } from '../domain/read-markers';
import { listReceipts } from '../use-cases/read-markers';

/**
 * GET /rooms/{roomId}/receipts?limit=&cursor= (members only): 200
 * `{items: [{userId, lastReadMessageId, lastReadSeq, readAt}], nextCursor}`.
 */
export const handler = httpHandler(
  { name: 'listReceipts', auth: authenticator },
  async ({ event, principal }) => {
    const cursor = queryParam(event, 'cursor');
    return ok(
      await listReceipts(messagingDependencies, {
        roomId: idParam(event, 'roomId'),
        userId: principal.userId,
        limit: limitParam(event, RECEIPTS_DEFAULT_LIMIT, RECEIPTS_MAX_LIMIT),
        ...(cursor === undefined ? {} : { cursor }),
      }),
    );
  },
);
