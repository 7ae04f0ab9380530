import { authenticator } from '@chat/auth-verifier';
import { httpHandler, idParam, ok } from '@chat/http';
import { roomStore } from '../adapters/environment';
import { changeMemberRole } from '../use-cases/change-member-role';
import { changeRoleBody } from '../domain/requests';
import { callerOf, writeContextOf } from './request-support';

/** PATCH /rooms/{roomId}/members/{userId} `{role: "admin" | "member"}` → 200 Member (owner only). */
export const handler = httpHandler(
  { name: 'changeMemberRole', auth: authenticator, body: changeRoleBody },
  async (request) => {
    const roomId = idParam(request.event, 'roomId');
    const userId = idParam(request.event, 'userId');
    const member = await changeMemberRole(
      { rooms: roomStore() },
      callerOf(request.principal),
      roomId,
      userId,
      request.body.role,
      writeContextOf(request),
    );
    request.logger.info('member role changed', { roomId, userId, role: member.role });
    return ok(member);
  },
);
