import { authenticator } from '@chat/auth-verifier';
import { httpHandler, idParam, ok } from '@chat/http';
import { roomStoreWithBans, systemClock, userDirectory } from '../adapters/environment';
import { addMember, joinRoom } from '../use-cases/add-member';
import { addMemberBody } from '../domain/requests';
import { callerOf, writeContextOf } from './request-support';

/** POST /rooms/{roomId}/members: `{}` joins the caller, `{userId}` adds someone (owner/admin) → 200 Member. */
export const handler = httpHandler(
  { name: 'addMember', auth: authenticator, body: addMemberBody },
  async (request) => {
    const deps = { rooms: roomStoreWithBans(), users: userDirectory(), clock: systemClock };
    const roomId = idParam(request.event, 'roomId');
    const caller = callerOf(request.principal);
    const context = writeContextOf(request);
    const { userId } = request.body;
    const member =
      userId === undefined
        ? await joinRoom(deps, caller, roomId, context)
        : await addMember(deps, caller, roomId, userId, context);
    request.logger.info('member added', { roomId, userId: member.userId, role: member.role });
    return ok(member);
  },
);
