import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type * as z from 'zod';
import { PayloadTooLargeError, ValidationError } from '@chat/runtime';
import { fieldIssuesOf, ROOT_FIELD } from './validation';

/** Request bodies above this many bytes are refused with 413 unless the route sets its own limit. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

function rawBodyOf(event: APIGatewayProxyEventV2): string | undefined {
  if (event.body === undefined || event.body === '') return undefined;
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

/** Refuses a body larger than `maxBytes` with a PayloadTooLargeError. */
export function checkBodySize(event: APIGatewayProxyEventV2, maxBytes: number): void {
  const raw = rawBodyOf(event);
  if (raw !== undefined && Buffer.byteLength(raw, 'utf8') > maxBytes) {
    throw new PayloadTooLargeError(`The request body must be at most ${maxBytes} bytes`);
  }
}

/**
 * Parses the JSON body and validates it with `schema`. Malformed JSON is a ValidationError with code
 * BAD_JSON; a missing body, or one the schema refuses, is VALIDATION_FAILED naming each bad field.
 */
export function parseJsonBody<T>(event: APIGatewayProxyEventV2, schema: z.ZodType<T>): T {
  const raw = rawBodyOf(event);
  if (raw === undefined) {
    throw new ValidationError([{ field: ROOT_FIELD, message: 'A JSON body is required' }]);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw new ValidationError([], 'The request body is not valid JSON', { code: 'BAD_JSON', cause: error });
  }
  const result = schema.safeParse(parsed);
  if (!result.success) throw new ValidationError(fieldIssuesOf(result.error));
  return result.data;
}
