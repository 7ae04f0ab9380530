import * as z from 'zod';
import { defineContract, type EventData } from './contract';
import { exampleIds } from './example-ids';
import { idSchema, isoTimeSchema } from './shared';

export const userLoggedOutContract = defineContract({
  detailType: 'UserLoggedOut',
  source: 'chat.auth',
  version: 1,
  description:
    'A user logged out: tokens issued before revokedBefore are refused and their open WebSocket connections are closed.',
  schema: z.object({
    userId: idSchema,
    /** Every token of the user issued before this time is revoked; realtime closes the user's sockets. */
    revokedBefore: isoTimeSchema,
  }),
  examples: [{ userId: exampleIds.alice, revokedBefore: '2025-01-15T18:30:00.000Z' }],
});
export const userLoggedOutSchema = userLoggedOutContract.schema;
export type UserLoggedOut = EventData<typeof userLoggedOutContract>;
