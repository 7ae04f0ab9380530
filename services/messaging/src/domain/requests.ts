import * as z from 'zod';
import { REPORT_NOTE_MAX_LENGTH, reportReasonSchema } from '@chat/events';
import { ID_PATTERN, ID_RULE } from '@chat/runtime';
import { MAX_ATTACHMENT_BYTES, MAX_CONTENT_TYPE_LENGTH, MAX_FILE_NAME_LENGTH } from './attachments';
import { MAX_ATTACHMENTS_PER_MESSAGE } from './message';

/**
 * Request shapes (REST bodies and the WebSocket frame). Unknown fields are dropped, not refused: a `senderId`
 * in a body is ignored (the sender is always the authenticated caller).
 */
/** Ids that become keys (roomId, messageId, attachmentIds): the shared id rule, like path ids. */
const id = z.string().regex(ID_PATTERN, { message: `Must be an id: ${ID_RULE}` });
const text = z.string().max(100_000);
const clientMessageId = z.string().min(1).max(128);
const attachmentIds = z.array(id).max(MAX_ATTACHMENTS_PER_MESSAGE);
/** A reply names its thread: the messageId of the top-level message it answers. */
const threadId = id.optional();

/** POST /rooms/{roomId}/messages */
export const sendMessageBody = z.object({
  text: text.default(''),
  clientMessageId: clientMessageId.optional(),
  attachmentIds: attachmentIds.default([]),
  threadId,
});
export type SendMessageBody = z.infer<typeof sendMessageBody>;

/** WebSocket `{"action":"sendMessage","roomId","text","clientMessageId","attachmentIds"?}` */
export const sendMessageFrame = z.object({
  action: z.literal('sendMessage'),
  roomId: id,
  text: text.default(''),
  clientMessageId,
  attachmentIds: attachmentIds.default([]),
  threadId,
});
export type SendMessageFrame = z.infer<typeof sendMessageFrame>;

/** PATCH /rooms/{roomId}/messages/{messageId} */
export const editMessageBody = z.object({ text });

/** POST /rooms/{roomId}/attachments */
export const createAttachmentBody = z.object({
  fileName: z.string().min(1).max(MAX_FILE_NAME_LENGTH),
  contentType: z.string().min(1).max(MAX_CONTENT_TYPE_LENGTH),
  size: z
    .number()
    .int()
    .min(1)
    .max(MAX_ATTACHMENT_BYTES, { message: `must be at most ${MAX_ATTACHMENT_BYTES} bytes (25 MiB)` }),
});

/** PUT /rooms/{roomId}/read */
export const markReadBody = z.object({ messageId: id });

/** POST /rooms/{roomId}/messages/{messageId}/reports: `{reason, note?}`, the note at most 500 characters. */
export const reportMessageBody = z.object({
  reason: reportReasonSchema,
  note: z
    .string()
    .trim()
    .refine((note) => [...note].length <= REPORT_NOTE_MAX_LENGTH, {
      message: `At most ${REPORT_NOTE_MAX_LENGTH} characters`,
    })
    .nullable()
    .optional(),
});
