/** An HTTP response ready to write: header pairs (a name may repeat) and the body bytes. */
export interface HttpResponseSpec {
  statusCode: number;
  headers: Array<[string, string]>;
  body: Buffer;
}

const JSON_CONTENT_TYPE: [string, string] = ['content-type', 'application/json'];

/** A JSON error body as API Gateway itself answers, e.g. 404 `{"message":"Not Found"}`. */
export function gatewayError(
  statusCode: number,
  message: string,
  extraHeaders: Array<[string, string]> = [],
): HttpResponseSpec {
  return {
    statusCode,
    headers: [JSON_CONTENT_TYPE, ...extraHeaders],
    body: Buffer.from(JSON.stringify({ message })),
  };
}

export const INTERNAL_SERVER_ERROR = (): HttpResponseSpec => gatewayError(500, 'Internal Server Error');

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type HeaderValue = string | number | boolean;
const isHeaderValue = (value: unknown): value is HeaderValue =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

function headerPairs(headers: unknown, multiValueHeaders: unknown): Array<[string, string]> | undefined {
  const pairs: Array<[string, string]> = [];
  if (headers !== undefined && headers !== null) {
    if (!isRecord(headers)) return undefined;
    for (const [name, value] of Object.entries(headers)) {
      if (!isHeaderValue(value)) return undefined;
      pairs.push([name.toLowerCase(), String(value)]);
    }
  }
  if (multiValueHeaders !== undefined && multiValueHeaders !== null) {
    if (!isRecord(multiValueHeaders)) return undefined;
    for (const [name, values] of Object.entries(multiValueHeaders)) {
      if (!Array.isArray(values) || !values.every(isHeaderValue)) return undefined;
      for (const value of values) pairs.push([name.toLowerCase(), String(value)]);
    }
  }
  return pairs;
}

function structuredResponse(result: Record<string, unknown>): HttpResponseSpec {
  const { statusCode, body, isBase64Encoded, cookies } = result;
  if (
    typeof statusCode !== 'number' ||
    !Number.isInteger(statusCode) ||
    statusCode < 100 ||
    statusCode > 599
  ) {
    return INTERNAL_SERVER_ERROR();
  }
  if (body !== undefined && body !== null && typeof body !== 'string') return INTERNAL_SERVER_ERROR();
  if (cookies !== undefined && (!Array.isArray(cookies) || !cookies.every((c) => typeof c === 'string'))) {
    return INTERNAL_SERVER_ERROR();
  }
  const headers = headerPairs(result.headers, result.multiValueHeaders);
  if (!headers) return INTERNAL_SERVER_ERROR();
  for (const cookie of (cookies as string[] | undefined) ?? []) headers.push(['set-cookie', cookie]);
  const text = body ?? '';
  return {
    statusCode,
    headers,
    body: isBase64Encoded === true ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8'),
  };
}

/**
 * Maps a handler's result to the HTTP response as API Gateway does for payload format 2.0: an object
 * with `statusCode` is a structured response (headers, multiValueHeaders, cookies, body,
 * isBase64Encoded); anything else is a 200 `application/json` response whose body is the result (a
 * string as is, other values as JSON). A malformed structured response is a 500.
 */
export function mapHandlerResult(result: unknown): HttpResponseSpec {
  if (isRecord(result) && 'statusCode' in result) return structuredResponse(result);
  const body = typeof result === 'string' ? result : (JSON.stringify(result) ?? 'null');
  return { statusCode: 200, headers: [JSON_CONTENT_TYPE], body: Buffer.from(body, 'utf8') };
}
