import * as z from 'zod';
import { defineContract, type EventData } from './contract';
import { exampleIds } from './example-ids';
import { idSchema, isoTimeSchema, presenceStatusSchema } from './shared';

export const presenceChangedContract = defineContract({
  detailType: 'PresenceChanged',
  source: 'chat.realtime',
  version: 1,
  description:
    "A user went online (first connection) or offline (last connection closed or went stale); from the connections table's stream.",
  schema: z.object({
    userId: idSchema,
    status: presenceStatusSchema,
    lastSeenAt: isoTimeSchema,
  }),
  examples: [
    { userId: exampleIds.alice, status: 'online', lastSeenAt: '2025-01-15T10:00:00.000Z' },
    { userId: exampleIds.bob, status: 'offline', lastSeenAt: '2025-01-15T11:45:12.000Z' },
  ],
});
export const presenceChangedSchema = presenceChangedContract.schema;
export type PresenceChanged = EventData<typeof presenceChangedContract>;
