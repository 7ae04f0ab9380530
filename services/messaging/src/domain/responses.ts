import * as z from 'zod';
import { idSchema, isoTimeSchema, messageSchema, reportReasonSchema, roomVersionSchema } from '@chat/events';

/** Response bodies of the messaging routes (docs/openapi.json is generated from these and requests.ts). */

/** `Message`: the stored message in its latest state (a tombstone once deleted). */
export const messageResponse = messageSchema;

/** `GET /rooms/{roomId}/messages` → 200; `nextCursor` is a messageId for `before` / `after`, `null` at the end. */
export const messagePageResponse = z.object({
  items: z.array(messageResponse),
  nextCursor: z.string().nullable(),
});

/** `GET /rooms/{roomId}/changes?since=` → 200. */
export const changesResponse = z.object({
  items: z.array(messageResponse),
  /** The room's latest version when read (0 for a room without messages). */
  version: z.number().int().nonnegative(),
  /** The last item's version when more remain (pass it as `since`), else `null`. */
  nextSince: roomVersionSchema.nullable(),
});

/** `POST /rooms/{roomId}/attachments` → 201: a presigned S3 PUT. */
export const uploadTicketResponse = z.object({
  attachmentId: idSchema,
  uploadUrl: z.string(),
  /** Headers the PUT must carry exactly. */
  uploadHeaders: z.record(z.string(), z.string()),
  expiresAt: isoTimeSchema,
});

/** `GET /rooms/{roomId}/attachments/{attachmentId}` → 200. */
export const downloadTicketResponse = z.object({
  downloadUrl: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int().nonnegative(),
  expiresAt: isoTimeSchema,
});

/** `GET /rooms/{roomId}/unread` → 200; `capped`: counting stopped at the cap (show "99+"). */
export const unreadResponse = z.object({
  count: z.number().int().nonnegative(),
  lastReadMessageId: idSchema.nullable(),
  capped: z.boolean(),
});

/** `GET /unread?roomIds=` → 200: the badges of several rooms (rooms the caller is not in are left out). */
export const roomUnreadResponse = unreadResponse.extend({ roomId: idSchema });
export const unreadsResponse = z.object({ items: z.array(roomUnreadResponse) });

/** A member's read marker. */
export const receiptResponse = z.object({
  userId: idSchema,
  lastReadMessageId: idSchema,
  lastReadSeq: roomVersionSchema.nullable(),
  readAt: isoTimeSchema,
});

/** `GET /rooms/{roomId}/receipts` → 200. */
export const receiptsResponse = z.object({
  items: z.array(receiptResponse),
  nextCursor: z.string().nullable(),
});

/** `GET /rooms/{roomId}/search` and `GET /search` → 200: matches newest first; page on `nextCursor`. */
export const searchResultsResponse = z.object({
  items: z.array(messageResponse),
  nextCursor: z.string().nullable(),
});

/** A report of a message: `{reportId, messageId, senderId, reporterId, reason, note, createdAt}`. */
export const reportResponse = z.object({
  reportId: idSchema,
  messageId: idSchema,
  senderId: idSchema,
  reporterId: idSchema,
  reason: reportReasonSchema,
  note: z.string().nullable(),
  createdAt: isoTimeSchema,
});

/** `GET /rooms/{roomId}/reports` → 200: newest first. */
export const reportPageResponse = z.object({
  items: z.array(reportResponse),
  nextCursor: z.string().nullable(),
});
