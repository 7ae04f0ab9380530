import { authenticator } from '@chat/auth-verifier';
import { httpHandler, ok } from '@chat/http';
import { roomStore } from '../adapters/environment';
import { listMyRooms } from '../use-cases/list-rooms';
import { callerOf } from './request-support';

/** GET /rooms/mine → 200 `{items}`: the rooms and DMs the caller is in. */
export const handler = httpHandler({ name: 'listMyRooms', auth: authenticator }, async ({ principal }) =>
  ok(await listMyRooms({ rooms: roomStore() }, callerOf(principal))),
);
