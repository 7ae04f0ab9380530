import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { UnauthenticatedError } from '@chat/runtime';
import { headerOf } from './correlation';

/** The token of an `Authorization: Bearer <token>` header, or an UnauthenticatedError. */
export function bearerToken(event: APIGatewayProxyEventV2): string {
  const header = headerOf(event, 'authorization');
  const match = header === undefined ? null : /^Bearer +(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw new UnauthenticatedError('A bearer token is required');
  return match[1];
}
