import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ValidationError, ID_RULE, isId } from '@chat/runtime';

function invalid(field: string, message: string): ValidationError {
  return new ValidationError([{ field, message }]);
}

/** A path parameter of the route (e.g. `roomId` of `/rooms/{roomId}`); missing or empty is a 400. */
export function pathParam(event: APIGatewayProxyEventV2, name: string): string {
  const value = event.pathParameters?.[name];
  if (value === undefined || value === '') throw invalid(name, 'Required');
  return value;
}

/**
 * A path id (`roomId`, `messageId`, `userId` …): 400 naming the parameter when it is missing or cannot be an id
 * at all (`ID_PATTERN` of `@chat/runtime`), before it reaches a key. Every handler reads path ids through it.
 */
export function idParam(event: APIGatewayProxyEventV2, name: string): string {
  const value = pathParam(event, name);
  if (!isId(value)) throw invalid(name, `Must be an id: ${ID_RULE}`);
  return value;
}

/** A query parameter, or undefined when absent or empty. */
export function queryParam(event: APIGatewayProxyEventV2, name: string): string | undefined {
  const value = event.queryStringParameters?.[name];
  return value === undefined || value === '' ? undefined : value;
}

export interface IntegerRange {
  min: number;
  max: number;
  /** Used when the parameter is absent. Without it, an absent parameter is a 400. */
  default?: number;
}

/** An integer query parameter within `[min, max]`; anything else is a 400 naming the parameter. */
export function integerQueryParam(event: APIGatewayProxyEventV2, name: string, range: IntegerRange): number {
  const raw = queryParam(event, name);
  if (raw === undefined) {
    if (range.default === undefined) throw invalid(name, 'Required');
    return range.default;
  }
  const value = /^-?\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < range.min || value > range.max) {
    throw invalid(name, `Must be an integer from ${range.min} to ${range.max}`);
  }
  return value;
}

/** The page size `limit`: an integer from 1 to `max` (100), `fallback` (20) when absent. */
export function limitParam(event: APIGatewayProxyEventV2, fallback = 20, max = 100): number {
  return integerQueryParam(event, 'limit', { min: 1, max, default: fallback });
}
