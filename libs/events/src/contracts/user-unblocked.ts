import * as z from 'zod';
import { defineContract, type EventData } from './contract';
import { exampleIds } from './example-ids';
import { idSchema } from './shared';

export const userUnblockedContract = defineContract({
  detailType: 'UserUnblocked',
  source: 'chat.rooms',
  version: 1,
  description:
    'A user lifted their block of another (a DELETE of a block that did not exist publishes nothing).',
  schema: z.object({
    /** The user who had blocked. */
    userId: idSchema,
    blockedUserId: idSchema,
  }),
  examples: [{ userId: exampleIds.alice, blockedUserId: exampleIds.bob }],
});
export const userUnblockedSchema = userUnblockedContract.schema;
export type UserUnblocked = EventData<typeof userUnblockedContract>;
