import { ValidationError } from '@chat/runtime';
import { z } from 'zod';

/**
 * The opaque `cursor` of `GET /notifications`: base64url of `{k: <inbox sort key>}` of the last item of a
 * page. The server queries the caller's own partition with it, so a forged cursor can only move within the
 * caller's inbox; anything that does not decode to that shape is a 400 naming `cursor`.
 */
const cursorSchema = z.strictObject({ k: z.string().min(1).max(512) });

export function encodeInboxCursor(sortKey: string): string {
  return Buffer.from(JSON.stringify({ k: sortKey }), 'utf8').toString('base64url');
}

export function decodeInboxCursor(cursor: string): string {
  const invalid = () => new ValidationError([{ field: 'cursor', message: 'Invalid cursor' }]);
  if (cursor.length > 1024 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const result = cursorSchema.safeParse(parsed);
  if (!result.success) throw invalid();
  return result.data.k;
}
