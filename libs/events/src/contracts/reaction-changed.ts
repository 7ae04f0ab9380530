import * as z from 'zod';
import { defineContract, type EventData } from './contract';
import { exampleIds } from './example-ids';
import { idSchema, maxReactionsPerMessage, reactionSummarySchema, roomVersionSchema } from './shared';

/**
 * A member added or removed a reaction of a message (published from messaging's messages table's stream). Only
 * real changes are published: adding a reaction the user already has, or removing one they do not have, stores
 * nothing. `reactions` is the message's whole reaction list after the change (what the `reaction.changed` frame
 * carries), so consumers need not read the message.
 */
export const reactionChangedContract = defineContract({
  detailType: 'ReactionChanged',
  source: 'chat.messaging',
  version: 1,
  description:
    "A reaction of a message was added or removed; `version` is the room version the change took, `reactions` the message's reactions after it.",
  schema: z.object({
    roomId: idSchema,
    messageId: idSchema,
    userId: idSchema,
    reaction: z.string().min(1),
    change: z.enum(['added', 'removed']),
    version: roomVersionSchema,
    reactions: z.array(reactionSummarySchema).max(maxReactionsPerMessage),
  }),
  examples: [
    {
      roomId: exampleIds.generalRoom,
      messageId: exampleIds.firstMessage,
      userId: exampleIds.bob,
      reaction: '👍',
      change: 'added',
      version: 4,
      reactions: [{ reaction: '👍', count: 2, userIds: [exampleIds.alice, exampleIds.bob] }],
    },
    {
      roomId: exampleIds.generalRoom,
      messageId: exampleIds.firstMessage,
      userId: exampleIds.alice,
      reaction: ':tada:',
      change: 'removed',
      version: 5,
      reactions: [],
    },
  ],
});
export const reactionChangedSchema = reactionChangedContract.schema;
export type ReactionChanged = EventData<typeof reactionChangedContract>;
