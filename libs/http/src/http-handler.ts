import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type * as z from 'zod';
import { createLogger, observedInvocation, optionalEnv, type Logger } from '@chat/runtime';
import { checkBodySize, DEFAULT_MAX_BODY_BYTES, parseJsonBody } from './body';
import { CORRELATION_HEADER, correlationIdOf } from './correlation';
import { errorResult } from './errors';
import type { Authenticator, HttpLambdaHandler, HttpRequest, HttpResult, Principal } from './types';

/** `'none'` for a public route; an Authenticator for a route that requires a caller. */
export type AuthRequirement = Authenticator | 'none';

type PrincipalOf<A extends AuthRequirement> = A extends 'none' ? undefined : Principal;

export interface HttpHandlerOptions<TBody, A extends AuthRequirement> {
  /** The function's name, for the logs (e.g. `createRoom`). */
  name: string;
  /** Required on purpose: every route states whether it is public. */
  auth: A;
  /** When given, the body is required JSON that must satisfy this schema. */
  body?: z.ZodType<TBody>;
  maxBodyBytes?: number;
  /** Defaults to a JSON logger with `service` (env SERVICE_NAME) and `function`. */
  logger?: Logger;
}

/**
 * Headers on every answer: its JSON is never sniffed as another type, and answers (tokens, messages) are never
 * kept by a browser or proxy cache.
 */
export const SAFETY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

function encode(result: HttpResult, correlationId: string): APIGatewayProxyStructuredResultV2 {
  const headers: Record<string, string> = {
    ...SAFETY_HEADERS,
    ...result.headers,
    [CORRELATION_HEADER]: correlationId,
  };
  if (result.body === undefined) return { statusCode: result.statusCode, headers };
  headers['content-type'] = 'application/json; charset=utf-8';
  return { statusCode: result.statusCode, headers, body: JSON.stringify(result.body) };
}

function assertAuthConfigured(name: string, auth: unknown): void {
  const valid =
    auth === 'none' ||
    (typeof auth === 'object' &&
      auth !== null &&
      typeof (auth as Partial<Authenticator>).authenticate === 'function');
  if (!valid) {
    throw new Error(`httpHandler(${name}): "auth" must be 'none' or an Authenticator, got ${String(auth)}`);
  }
}

/**
 * Builds an API Gateway (HTTP API, payload 2.0) handler around `handle`: correlation id and a per-request
 * logger, authentication, body size check, JSON parsing and validation, and the central mapping of errors to
 * the contract's error shape. An error that is not a DomainError is logged with its cause and answered 500.
 */
export function httpHandler<TBody = undefined, A extends AuthRequirement = AuthRequirement>(
  options: HttpHandlerOptions<TBody, A>,
  handle: (request: HttpRequest<TBody, PrincipalOf<A>>) => Promise<HttpResult>,
): HttpLambdaHandler {
  assertAuthConfigured(options.name, options.auth);
  const baseLogger =
    options.logger ?? createLogger({ service: optionalEnv('SERVICE_NAME'), function: options.name });
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;

  const authenticate = async (event: APIGatewayProxyEventV2): Promise<PrincipalOf<A>> =>
    (options.auth === 'none' ? undefined : await options.auth.authenticate(event)) as PrincipalOf<A>;

  return observedInvocation(async (event, _context) => {
    const started = Date.now();
    const correlationId = correlationIdOf(event);
    const logger = baseLogger.child({ correlationId, route: event.routeKey });
    let result: HttpResult;
    try {
      const principal = await authenticate(event);
      checkBodySize(event, maxBodyBytes);
      const body = (options.body === undefined ? undefined : parseJsonBody(event, options.body)) as TBody;
      result = await handle({ event, body, principal, correlationId, logger });
    } catch (error) {
      result = errorResult(error);
      if (result.statusCode === 503) logger.warn('dependency unavailable', { error });
      else if (result.statusCode >= 500) logger.error('request failed', { error });
    }
    logger.debug('request handled', { statusCode: result.statusCode, durationMs: Date.now() - started });
    return encode(result, correlationId);
  });
}
