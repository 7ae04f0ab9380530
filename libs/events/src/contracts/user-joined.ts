import { z } from 'zod';
import { defineContract } from './contract';
import { exampleIds } from './example-ids';
import { idSchema, memberRoleSchema } from './shared';

export const userJoinedSchema = z.object({
  roomId: idSchema,
  userId: idSchema,
  role: memberRoleSchema,
});
export type UserJoined = z.infer<typeof userJoinedSchema>;

export const userJoinedContract = defineContract({
  detailType: 'UserJoined',
  source: 'chat.rooms',
  version: 1,
  description: 'A user became a member of a room (created it, joined it, or was added by an owner or admin).',
  schema: userJoinedSchema,
  examples: [
    { roomId: exampleIds.generalRoom, userId: exampleIds.alice, role: 'owner' },
    { roomId: exampleIds.generalRoom, userId: exampleIds.bob, role: 'member' },
  ],
});
