import { authenticator } from '@chat/auth-verifier';
import { httpHandler, limitParam, ok, idParam, queryParam } from '@chat/http';
import { messagingDependencies } from '../adapters/environment';
import { DEFAULT_CHANGES_PAGE, INITIAL_ROOM_VERSION, MAX_CHANGES_PAGE } from '../domain/room-versions';
import { listChanges } from '../use-cases/list-changes';

/** The `since` parameter: absent is 0; anything but digits is NaN, which the use case refuses naming `since`. */
const sinceOf = (raw: string | undefined): number =>
  raw === undefined ? INITIAL_ROOM_VERSION : /^\d+$/.test(raw) ? Number(raw) : Number.NaN;

/** GET /rooms/{roomId}/changes?since=0&limit=100: 200 `{items: Message[], version, nextSince}` (members only). */
export const handler = httpHandler(
  { name: 'listChanges', auth: authenticator },
  async ({ event, principal, logger }) => {
    const roomId = idParam(event, 'roomId');
    const feed = await listChanges(messagingDependencies, {
      roomId,
      userId: principal.userId,
      since: sinceOf(queryParam(event, 'since')),
      limit: limitParam(event, DEFAULT_CHANGES_PAGE, MAX_CHANGES_PAGE),
    });
    logger.info('changes listed', { roomId, version: feed.version, items: feed.items.length });
    return ok(feed);
  },
);
