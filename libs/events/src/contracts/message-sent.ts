import { defineContract, type EventData } from './contract';
import { exampleIds } from './example-ids';
import { idSchema, messageSchema } from './shared';

export const messageSentContract = defineContract({
  detailType: 'MessageSent',
  source: 'chat.messaging',
  version: 1,
  description:
    "A message was stored (published from the messages table's stream); data is the Message, with `seq` = `version` = the room version its creation took; a reply (`threadId`) also carries `threadAuthorId`, the sender of its thread's parent.",
  schema: messageSchema.extend({
    /** A reply's parent's sender (who gets the reply notification), so consumers need not look the parent up. */
    threadAuthorId: idSchema.optional(),
  }),
  examples: [
    {
      roomId: exampleIds.generalRoom,
      messageId: exampleIds.firstMessage,
      senderId: exampleIds.alice,
      text: 'Hello @bob, the build is green',
      mentions: [exampleIds.bob],
      attachments: [],
      clientMessageId: 'c-7f3e2a',
      createdAt: '2025-01-15T10:10:00.000Z',
      seq: 1,
      version: 1,
    },
    {
      roomId: exampleIds.dmRoom,
      messageId: exampleIds.secondMessage,
      senderId: exampleIds.bob,
      text: '',
      mentions: [],
      attachments: [
        {
          attachmentId: exampleIds.attachment,
          fileName: 'diagram.png',
          contentType: 'image/png',
          size: 48213,
        },
      ],
      createdAt: '2025-01-15T10:11:30.250Z',
      seq: 1,
      version: 1,
    },
    {
      roomId: exampleIds.generalRoom,
      messageId: exampleIds.secondMessage,
      senderId: exampleIds.bob,
      text: 'On it',
      mentions: [],
      attachments: [],
      createdAt: '2025-01-15T10:12:00.000Z',
      seq: 2,
      version: 2,
      reactions: [],
      threadId: exampleIds.firstMessage,
      threadAuthorId: exampleIds.alice,
    },
  ],
});
export const messageSentSchema = messageSentContract.schema;
export type MessageSent = EventData<typeof messageSentContract>;
