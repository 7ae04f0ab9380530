import * as z from 'zod';
import { defineContract, type EventData } from './contract';
import { exampleIds } from './example-ids';
import { idSchema, usernameSchema } from './shared';

export const userRegisteredContract = defineContract({
  detailType: 'UserRegistered',
  source: 'chat.auth',
  version: 1,
  description: 'A user account was created (userId is the Cognito sub).',
  schema: z.object({
    userId: idSchema,
    username: usernameSchema,
    email: z.email(),
  }),
  examples: [
    { userId: exampleIds.alice, username: 'alice', email: 'alice@example.com' },
    { userId: exampleIds.bob, username: 'bob.smith_2', email: 'bob@example.org' },
  ],
});
export const userRegisteredSchema = userRegisteredContract.schema;
export type UserRegistered = EventData<typeof userRegisteredContract>;
