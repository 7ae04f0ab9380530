import type { HttpRequest, Principal } from '@chat/http';
import type { Caller, WriteContext } from '../use-cases/ports';

export function callerOf(principal: Principal): Caller {
  return { userId: principal.userId, username: principal.username };
}

export function writeContextOf(
  request: Pick<HttpRequest<unknown, Principal>, 'correlationId'>,
): WriteContext {
  return { correlationId: request.correlationId };
}
