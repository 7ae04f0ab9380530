import * as z from 'zod';
import { defineContract, type EventData } from './contract';
import { exampleIds } from './example-ids';
import { idSchema } from './shared';

export const userLeftContract = defineContract({
  detailType: 'UserLeft',
  source: 'chat.rooms',
  version: 1,
  description:
    'A user stopped being a member of a room, by leaving or by being removed by an owner or admin.',
  schema: z.object({
    roomId: idSchema,
    userId: idSchema,
    reason: z.enum(['left', 'kicked']),
  }),
  examples: [
    { roomId: exampleIds.generalRoom, userId: exampleIds.bob, reason: 'left' },
    { roomId: exampleIds.generalRoom, userId: exampleIds.carol, reason: 'kicked' },
  ],
});
export const userLeftSchema = userLeftContract.schema;
export type UserLeft = EventData<typeof userLeftContract>;
