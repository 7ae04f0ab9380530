import { z } from 'zod';
import { defineContract } from './contract';
import { exampleIds } from './example-ids';
import { idSchema, isoTimeSchema } from './shared';

export const userLoggedOutSchema = z.object({
  userId: idSchema,
  /** Every token of the user issued before this time is revoked; realtime closes the user's sockets. */
  revokedBefore: isoTimeSchema,
});
export type UserLoggedOut = z.infer<typeof userLoggedOutSchema>;

export const userLoggedOutContract = defineContract({
  detailType: 'UserLoggedOut',
  source: 'chat.auth',
  version: 1,
  description:
    'A user logged out: tokens issued before revokedBefore are refused and their open WebSocket connections are closed.',
  schema: userLoggedOutSchema,
  examples: [{ userId: exampleIds.alice, revokedBefore: '2025-01-15T18:30:00.000Z' }],
});
