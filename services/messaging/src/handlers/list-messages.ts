import { authenticator } from '@chat/auth-verifier';
import { httpHandler, limitParam, ok, idParam, queryParam } from '@chat/http';
import { messagingDependencies } from '../adapters/environment';
import { listMessages } from '../use-cases/list-messages';

const DEFAULT_PAGE_SIZE = 50;

/** GET /rooms/{roomId}/messages?limit=50&before=&after= */
export const handler = httpHandler(
  { name: 'listMessages', auth: authenticator },
  async ({ event, principal }) => {
    const before = queryParam(event, 'before');
    const after = queryParam(event, 'after');
    const page = await listMessages(messagingDependencies, {
      roomId: idParam(event, 'roomId'),
      userId: principal.userId,
      limit: limitParam(event, DEFAULT_PAGE_SIZE),
      ...(before === undefined ? {} : { before }),
      ...(after === undefined ? {} : { after }),
    });
    return ok(page);
  },
);
