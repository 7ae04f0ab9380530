import type { APIGatewayProxyEventV2 } from 'aws-lambda';

export const CORRELATION_HEADER = 'x-correlation-id';

const acceptable = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's `x-correlation-id` when it is a sane token, else API Gateway's request id. */
export function correlationIdOf(event: APIGatewayProxyEventV2): string {
  const given = headerOf(event, CORRELATION_HEADER);
  return given !== undefined && acceptable.test(given) ? given : event.requestContext.requestId;
}

/** A request header by case-insensitive name (API Gateway lower-cases them; test events may not). */
export function headerOf(event: APIGatewayProxyEventV2, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted && value !== undefined) return value;
  }
  return undefined;
}
