import * as z from 'zod';

/** The listings' opaque page cursors (@chat/runtime's codec) and the positions they hold. */
export { decodeCursor, encodeCursor } from '@chat/runtime';

const cursorId = z.string().min(1).max(256);

/** `{c: createdAt, r: roomId}` of the last room of a directory page. */
export const directoryCursorSchema = z.strictObject({ c: z.iso.datetime(), r: cursorId });

/** `{u: userId}` of the last member of a members page. */
export const membersCursorSchema = z.strictObject({ u: cursorId });

/** `{b: blockedUserId}` of the last block of a blocks page. */
export const blocksCursorSchema = z.strictObject({ b: cursorId });
