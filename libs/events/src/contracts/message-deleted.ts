import { z } from 'zod';
import { defineContract } from './contract';
import { exampleIds } from './example-ids';
import { idSchema, roomVersionSchema } from './shared';

export const messageDeletedSchema = z.object({
  roomId: idSchema,
  messageId: idSchema,
  /** The room version the delete took (set by every producer since room versions exist). */
  version: roomVersionSchema.optional(),
});
export type MessageDeleted = z.infer<typeof messageDeletedSchema>;

export const messageDeletedContract = defineContract({
  detailType: 'MessageDeleted',
  source: 'chat.messaging',
  version: 1,
  description: 'A message was deleted (it stays as a tombstone with deletedAt set and empty text).',
  schema: messageDeletedSchema,
  examples: [{ roomId: exampleIds.generalRoom, messageId: exampleIds.firstMessage, version: 3 }],
});
