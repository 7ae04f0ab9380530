import { defineContract, type EventData } from './contract';
import { messageSentContract } from './message-sent';
import { isoTimeSchema, messageSchema } from './shared';

export const messageEditedContract = defineContract({
  detailType: 'MessageEdited',
  source: 'chat.messaging',
  version: 1,
  description:
    "A message's text was edited by its sender; data is the Message with editedAt, its `version` the room version the edit took.",
  /** The edited Message; `editedAt` is always set on an edit. */
  schema: messageSchema.extend({ editedAt: isoTimeSchema }),
  // The first message of MessageSent's examples, edited by its sender.
  examples: [
    {
      ...messageSentContract.examples[0],
      text: 'Hello @bob, the build is green again',
      editedAt: '2025-01-15T10:12:00.000Z',
      version: 2,
    },
  ],
});
export const messageEditedSchema = messageEditedContract.schema;
export type MessageEdited = EventData<typeof messageEditedContract>;
