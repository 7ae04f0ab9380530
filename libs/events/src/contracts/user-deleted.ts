import * as z from 'zod';
import { defineContract, type EventData } from './contract';
import { exampleIds } from './example-ids';
import { idSchema } from './shared';

export const userDeletedContract = defineContract({
  detailType: 'UserDeleted',
  source: 'chat.auth',
  version: 1,
  description:
    'A user closed their account: their tokens are refused already; every service erases what it holds of the user (docs/decisions/007-account-closing.md).',
  schema: z.object({
    userId: idSchema,
  }),
  examples: [{ userId: exampleIds.carol }],
});
export const userDeletedSchema = userDeletedContract.schema;
export type UserDeleted = EventData<typeof userDeletedContract>;
