import { defineContract, type EventData } from './contract';
import { exampleIds } from './example-ids';
import { roomSchema } from './shared';

export const roomCreatedContract = defineContract({
  detailType: 'RoomCreated',
  source: 'chat.rooms',
  version: 1,
  description: 'A room or a direct-message room was created; data is the Room.',
  schema: roomSchema,
  examples: [
    {
      roomId: exampleIds.generalRoom,
      kind: 'room',
      name: 'general',
      topic: 'Anything goes',
      visibility: 'public',
      ownerId: exampleIds.alice,
      memberCount: 1,
      createdAt: '2025-01-15T10:00:00.000Z',
    },
    {
      roomId: exampleIds.dmRoom,
      kind: 'dm',
      name: '',
      topic: '',
      visibility: 'private',
      ownerId: exampleIds.alice,
      memberCount: 2,
      createdAt: '2025-01-15T10:05:00.000Z',
    },
  ],
});
export const roomCreatedSchema = roomCreatedContract.schema;
export type RoomCreated = EventData<typeof roomCreatedContract>;
