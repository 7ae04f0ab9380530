import { z } from 'zod';
import { defineContract, type EventData } from './contract';
import { exampleIds } from './example-ids';
import { idSchema } from './shared';

export const messageDeletedContract = defineContract({
  detailType: 'MessageDeleted',
  source: 'chat.messaging',
  version: 1,
  description: 'A message was deleted (it stays as a tombstone with deletedAt set and empty text).',
  schema: z.object({
    roomId: idSchema,
    messageId: idSchema,
  }),
  examples: [{ roomId: exampleIds.generalRoom, messageId: exampleIds.firstMessage }],
});
export const messageDeletedSchema = messageDeletedContract.schema;
export type MessageDeleted = EventData<typeof messageDeletedContract>;
