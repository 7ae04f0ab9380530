import type { HttpResult } from './types';

export function json(statusCode: number, body: unknown, headers?: Record<string, string>): HttpResult {
  return headers === undefined ? { statusCode, body } : { statusCode, body, headers };
}

export function ok(body: unknown): HttpResult {
  return json(200, body);
}

export function created(body: unknown): HttpResult {
  return json(201, body);
}

export function noContent(): HttpResult {
  return { statusCode: 204 };
}

/** 202: the request is taken; its effects follow (no body). */
export function accepted(): HttpResult {
  return { statusCode: 202 };
}
