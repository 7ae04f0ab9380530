import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { pathParam, type HttpRequest, type Principal } from '@chat/http';
import { ValidationError } from '@chat/runtime';
import type { Caller, WriteContext } from '../use-cases/ports';
import { ID_PATTERN } from '../domain/requests';

/** A path id (`roomId`, `userId`): 400 when it cannot be an id at all. */
export function idParam(event: APIGatewayProxyEventV2, name: string): string {
  const value = pathParam(event, name);
  if (!ID_PATTERN.test(value)) throw new ValidationError([{ field: name, message: `Must be a ${name}` }]);
  return value;
}

export function callerOf(principal: Principal): Caller {
  return { userId: principal.userId, username: principal.username };
}

export function writeContextOf(
  request: Pick<HttpRequest<unknown, Principal>, 'correlationId'>,
): WriteContext {
  return { correlationId: request.correlationId };
}
