import { z } from 'zod';
import { defineContract } from './contract';
import { exampleIds } from './example-ids';
import { idSchema, isoTimeSchema, presenceStatusSchema } from './shared';

export const presenceChangedSchema = z.object({
  userId: idSchema,
  status: presenceStatusSchema,
  lastSeenAt: isoTimeSchema,
});
export type PresenceChanged = z.infer<typeof presenceChangedSchema>;

export const presenceChangedContract = defineContract({
  detailType: 'PresenceChanged',
  source: 'chat.realtime',
  version: 1,
  description:
    "A user went online (first connection) or offline (last connection closed or went stale); from the connections table's stream.",
  schema: presenceChangedSchema,
  examples: [
    { userId: exampleIds.alice, status: 'online', lastSeenAt: '2025-01-15T10:00:00.000Z' },
    { userId: exampleIds.bob, status: 'offline', lastSeenAt: '2025-01-15T11:45:12.000Z' },
  ],
});
