import type { z } from 'zod';
import { defineContract } from './contract';
import { exampleIds } from './example-ids';
import { isoTimeSchema, messageSchema } from './shared';

/** The edited Message; `editedAt` is always set on an edit. */
export const messageEditedSchema = messageSchema.extend({ editedAt: isoTimeSchema });
export type MessageEdited = z.infer<typeof messageEditedSchema>;

export const messageEditedContract = defineContract({
  detailType: 'MessageEdited',
  source: 'chat.messaging',
  version: 1,
  description:
    "A message's text was edited by its sender; data is the Message with editedAt, its `version` the room version the edit took.",
  schema: messageEditedSchema,
  examples: [
    {
      roomId: exampleIds.generalRoom,
      messageId: exampleIds.firstMessage,
      senderId: exampleIds.alice,
      text: 'Hello @bob, the build is green again',
      mentions: [exampleIds.bob],
      attachments: [],
      clientMessageId: 'c-7f3e2a',
      createdAt: '2025-01-15T10:10:00.000Z',
      editedAt: '2025-01-15T10:12:00.000Z',
      seq: 1,
      version: 2,
    },
  ],
});
