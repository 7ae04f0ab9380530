import * as z from 'zod';
import { defineContract, type EventData } from './contract';
import { exampleIds } from './example-ids';
import { idSchema, isoTimeSchema } from './shared';

export const userBlockedContract = defineContract({
  detailType: 'UserBlocked',
  source: 'chat.rooms',
  version: 1,
  description:
    'A user blocked another: the blocked user can no longer open a DM with them or post in their DM, and they get no notification from the blocked user.',
  schema: z.object({
    /** The blocker. */
    userId: idSchema,
    blockedUserId: idSchema,
    /** When the block was first made (a repeated PUT keeps it and publishes nothing). */
    createdAt: isoTimeSchema,
  }),
  examples: [
    { userId: exampleIds.alice, blockedUserId: exampleIds.bob, createdAt: '2025-01-15T18:40:00.000Z' },
  ],
});
export const userBlockedSchema = userBlockedContract.schema;
export type UserBlocked = EventData<typeof userBlockedContract>;
