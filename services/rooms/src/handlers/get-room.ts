import { authenticator } from '@chat/auth-verifier';
import { httpHandler, idParam, ok } from '@chat/http';
import { roomStore } from '../adapters/environment';
import { getRoom } from '../use-cases/get-room';
import { callerOf } from './request-support';

/** GET /rooms/{roomId} → 200 Room; 404 for a private room the caller is not in. */
export const handler = httpHandler({ name: 'getRoom', auth: authenticator }, async ({ event, principal }) =>
  ok(await getRoom({ rooms: roomStore() }, callerOf(principal), idParam(event, 'roomId'))),
);
