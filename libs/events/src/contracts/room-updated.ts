import type { z } from 'zod';
import { defineContract } from './contract';
import { exampleIds } from './example-ids';
import { roomSchema } from './shared';

export const roomUpdatedSchema = roomSchema;
export type RoomUpdated = z.infer<typeof roomUpdatedSchema>;

export const roomUpdatedContract = defineContract({
  detailType: 'RoomUpdated',
  source: 'chat.rooms',
  version: 1,
  description: "A room's name or topic changed; data is the Room as it is now.",
  schema: roomUpdatedSchema,
  examples: [
    {
      roomId: exampleIds.generalRoom,
      kind: 'room',
      name: 'general',
      topic: 'Release planning this week',
      visibility: 'public',
      ownerId: exampleIds.alice,
      memberCount: 3,
      createdAt: '2025-01-15T10:00:00.000Z',
    },
  ],
});
