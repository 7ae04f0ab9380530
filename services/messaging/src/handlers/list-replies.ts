import { authenticator } from '@chat/auth-verifier';
import { httpHandler, idParam, limitParam, ok, queryParam } from '@chat/http';
import { messagingDependencies } from '../adapters/environment';
import { listReplies } from '../use-cases/list-messages';

const DEFAULT_PAGE_SIZE = 50;

/** GET /rooms/{roomId}/messages/{messageId}/replies?limit=50&before=&after= */
export const handler = httpHandler(
  { name: 'listReplies', auth: authenticator },
  async ({ event, principal }) => {
    const before = queryParam(event, 'before');
    const after = queryParam(event, 'after');
    const page = await listReplies(messagingDependencies, {
      roomId: idParam(event, 'roomId'),
      messageId: idParam(event, 'messageId'),
      userId: principal.userId,
      limit: limitParam(event, DEFAULT_PAGE_SIZE),
      ...(before === undefined ? {} : { before }),
      ...(after === undefined ? {} : { after }),
    });
    return ok(page);
  },
);
