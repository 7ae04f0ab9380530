import { defineContract, type EventData } from './contract';
import { roomCreatedContract } from './room-created';
import { roomSchema } from './shared';

export const roomUpdatedContract = defineContract({
  detailType: 'RoomUpdated',
  source: 'chat.rooms',
  version: 1,
  description: "A room's name or topic changed; data is the Room as it is now.",
  schema: roomSchema,
  // The general room of RoomCreated's first example, later.
  examples: [{ ...roomCreatedContract.examples[0], topic: 'Release planning this week', memberCount: 3 }],
});
export const roomUpdatedSchema = roomUpdatedContract.schema;
export type RoomUpdated = EventData<typeof roomUpdatedContract>;
