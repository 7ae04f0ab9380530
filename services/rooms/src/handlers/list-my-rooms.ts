import { authenticator } from '@chat/auth-verifier';
import { httpHandler, ok } from '@chat/http';
import { roomActivity, roomStore } from '../adapters/environment';
import { listMyRooms } from '../use-cases/list-rooms';
import { callerOf } from './request-support';

/**
 * GET /rooms/mine → 200 `{items}`: the rooms and DMs the caller is in, each with `lastMessage` and
 * `lastActivityAt`, most recent activity first.
 */
export const handler = httpHandler({ name: 'listMyRooms', auth: authenticator }, async ({ principal }) =>
  ok(await listMyRooms({ rooms: roomStore(), activity: roomActivity() }, callerOf(principal))),
);
