import { decodeCursor, encodeCursor } from '@chat/runtime';
import * as z from 'zod';

/**
 * The opaque `cursor` of `GET /notifications`: base64url of `{k: <inbox sort key>}` of the last item of a
 * page. The server queries the caller's own partition with it, so a forged cursor can only move within the
 * caller's inbox; anything that does not decode to that shape is a 400 naming `cursor`.
 */
const cursorSchema = z.strictObject({ k: z.string().min(1).max(512) });

export function encodeInboxCursor(sortKey: string): string {
  return encodeCursor({ k: sortKey });
}

export function decodeInboxCursor(cursor: string): string {
  return decodeCursor(cursor, cursorSchema).k;
}
