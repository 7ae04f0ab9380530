import * as z from 'zod';
import { defineContract } from './contract';
import { exampleIds } from './example-ids';
import { idSchema, isoTimeSchema } from './shared';

/**
 * A member's read marker of a room moved forward to `messageId` (published from messaging's read-markers table's
 * stream). `seq` is the room order of that message (`Message.seq`), null for a message stored without one.
 */
export const readMarkerMovedSchema = z.object({
  roomId: idSchema,
  userId: idSchema,
  messageId: idSchema,
  seq: z.number().int().positive().nullable(),
  readAt: isoTimeSchema,
});
export type ReadMarkerMoved = z.infer<typeof readMarkerMovedSchema>;

export const readMarkerMovedContract = defineContract({
  detailType: 'ReadMarkerMoved',
  source: 'chat.messaging',
  version: 1,
  description:
    "A member's read marker of a room moved forward (PUT /rooms/{roomId}/read); realtime sends read.updated frames.",
  schema: readMarkerMovedSchema,
  examples: [
    {
      roomId: exampleIds.generalRoom,
      userId: exampleIds.bob,
      messageId: exampleIds.firstMessage,
      seq: 1,
      readAt: '2025-01-15T10:13:00.000Z',
    },
    {
      roomId: exampleIds.dmRoom,
      userId: exampleIds.alice,
      messageId: exampleIds.secondMessage,
      seq: null,
      readAt: '2025-01-15T10:14:00.000Z',
    },
  ],
});
