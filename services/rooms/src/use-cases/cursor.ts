import { z } from 'zod';

/** Opaque page cursors are shared plumbing (`@chat/runtime`): these are the shapes of rooms' listings. */
export { decodeCursor, encodeCursor } from '@chat/runtime';

const cursorId = z.string().min(1).max(256);

/** `{c: createdAt, r: roomId}` of the last room of a directory page. */
export const directoryCursorSchema = z.strictObject({ c: z.iso.datetime(), r: cursorId });

/** `{u: userId}` of the last member of a members page. */
export const membersCursorSchema = z.strictObject({ u: cursorId });
