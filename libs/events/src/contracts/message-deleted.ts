import * as z from 'zod';
import { defineContract, type EventData } from './contract';
import { exampleIds } from './example-ids';
import { idSchema, roomVersionSchema } from './shared';

export const messageDeletedContract = defineContract({
  detailType: 'MessageDeleted',
  source: 'chat.messaging',
  version: 1,
  description: 'A message was deleted (it stays as a tombstone with deletedAt set and empty text).',
  schema: z.object({
    roomId: idSchema,
    messageId: idSchema,
    /** The room version the delete took (set by every producer since room versions exist). */
    version: roomVersionSchema.optional(),
  }),
  examples: [{ roomId: exampleIds.generalRoom, messageId: exampleIds.firstMessage, version: 3 }],
});
export const messageDeletedSchema = messageDeletedContract.schema;
export type MessageDeleted = EventData<typeof messageDeletedContract>;
