import * as z from 'zod';
import { defineContract, type EventData } from './contract';
import { exampleIds } from './example-ids';
import { idSchema } from './shared';

/** A ban's reason: optional, at most this many characters (the rooms service validates the request the same). */
export const BAN_REASON_MAX_LENGTH = 500;

export const userBannedContract = defineContract({
  detailType: 'UserBanned',
  source: 'chat.rooms',
  version: 1,
  description:
    'An owner or admin banned a user from a room: a member is removed (UserLeft, reason kicked) and the user cannot join or be invited until unbanned.',
  schema: z.object({
    roomId: idSchema,
    userId: idSchema,
    bannedBy: idSchema,
    /** The reason the owner or admin gave; null when none was given. */
    reason: z.string().max(BAN_REASON_MAX_LENGTH).nullable(),
  }),
  examples: [
    { roomId: exampleIds.generalRoom, userId: exampleIds.carol, bannedBy: exampleIds.alice, reason: 'spam' },
    { roomId: exampleIds.generalRoom, userId: exampleIds.bob, bannedBy: exampleIds.alice, reason: null },
  ],
});
export const userBannedSchema = userBannedContract.schema;
export type UserBanned = EventData<typeof userBannedContract>;
