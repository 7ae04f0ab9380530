import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { Logger } from '@chat/runtime';

/** The authenticated caller of a request. */
export interface Principal {
  userId: string;
  username: string;
  /** When the access token was issued, in seconds since the epoch (the revocation check compares it). */
  tokenIssuedAt: number;
}

/**
 * Turns a request into its caller, or rejects with an UnauthenticatedError (→ 401). Any other rejection is
 * treated as a server fault (→ 500). The auth service implements it with aws-jwt-verify and the revocation check.
 */
export interface Authenticator {
  authenticate(event: APIGatewayProxyEventV2): Promise<Principal>;
}

/** What a route handler answers; the plumbing adds the JSON encoding and the common headers. */
export interface HttpResult {
  statusCode: number;
  /** Serialized as JSON; omitted when undefined (e.g. 204). */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface HttpRequest<TBody, TPrincipal extends Principal | undefined> {
  event: APIGatewayProxyEventV2;
  /** The parsed and validated body (undefined when the route has no body schema). */
  body: TBody;
  principal: TPrincipal;
  correlationId: string;
  /** Carries correlationId, service, function and route on every line. */
  logger: Logger;
}

/** The Lambda handler `httpHandler` builds (assignable to aws-lambda's APIGatewayProxyHandlerV2). */
export type HttpLambdaHandler = (
  event: APIGatewayProxyEventV2,
  context?: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;
