import type { z } from 'zod';
import { ValidationError } from './errors';

/**
 * Opaque page cursors: base64url of a small JSON object naming where the next page starts. The server builds
 * the table key from it, with the partition it queries itself, so a forged cursor can only move within the
 * caller's own listing. Anything that does not decode to the expected shape is a 400 on `cursor`.
 */
export function encodeCursor(position: object): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

function invalidCursor(): ValidationError {
  return new ValidationError([{ field: 'cursor', message: 'Invalid cursor' }]);
}

export function decodeCursor<T>(cursor: string, schema: z.ZodType<T>): T {
  if (cursor.length > 1024 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalidCursor();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const result = schema.safeParse(parsed);
  if (!result.success) throw invalidCursor();
  return result.data;
}
