import { ValidationError } from './errors';

/** One page of a listing: its items and, when more may follow, where the next page starts. */
export interface Page<T, P> {
  items: T[];
  /** Where the next page starts; undefined on the last page. */
  next?: P;
}

/** What reads a decoded cursor: a zod schema, for one. */
export interface CursorSchema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false };
}

/**
 * Opaque page cursors: base64url of a small JSON object naming where the next page starts. The server builds the
 * table key from it, with the partition it queries itself, so a forged cursor can only move within the caller's
 * own listing.
 */
export function encodeCursor(position: object): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

function invalidCursor(): ValidationError {
  return new ValidationError([{ field: 'cursor', message: 'Invalid cursor' }]);
}

/** The position `cursor` names; anything that does not decode to `schema`'s shape is a 400 on `cursor`. */
export function decodeCursor<T>(cursor: string, schema: CursorSchema<T>): T {
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
