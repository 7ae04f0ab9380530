import * as z from 'zod';
import { defineContract, type EventData } from './contract';
import { exampleIds } from './example-ids';
import { idSchema, memberRoleSchema } from './shared';

export const userJoinedContract = defineContract({
  detailType: 'UserJoined',
  source: 'chat.rooms',
  version: 1,
  description: 'A user became a member of a room (created it, joined it, or was added by an owner or admin).',
  schema: z.object({
    roomId: idSchema,
    userId: idSchema,
    role: memberRoleSchema,
  }),
  examples: [
    { roomId: exampleIds.generalRoom, userId: exampleIds.alice, role: 'owner' },
    { roomId: exampleIds.generalRoom, userId: exampleIds.bob, role: 'member' },
  ],
});
export const userJoinedSchema = userJoinedContract.schema;
export type UserJoined = EventData<typeof userJoinedContract>;
