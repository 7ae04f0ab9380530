/**
 * The rooms service's memberships table (`chat-rooms-<stage>-memberships`, docs/decisions/003-membership-reads.md):
 * the names of its attributes and indexes, shared by its writer (services/rooms), its reader (this package) and the
 * `serverless.ts` files that define or grant access to it. No imports: `serverless.ts` loads this file as it is.
 */

/** Attribute names of a membership item. Key: `roomId` (partition), `userId` (sort). */
export const MEMBERSHIP_ATTRIBUTES = {
  roomId: 'roomId',
  userId: 'userId',
  username: 'username',
  role: 'role',
  joinedAt: 'joinedAt',
  roomKind: 'roomKind',
  /** Rooms' own (owner succession order); not part of the reader's contract. */
  seniority: 'seniority',
  /**
   * The removal marker: rooms writes it (`left` | `kicked`) onto the item just before deleting it, so the delete's
   * stream record tells a kick from a leave. An item carrying it is no longer a membership.
   */
  removalReason: 'removalReason',
} as const;

/**
 * The table's indexes: GSI `byUser` (`userId`, `roomId`: a user's rooms), LSI `byUsername` (`roomId`, `username`:
 * `@name` in a room), LSI `bySeniority` (`roomId`, `seniority`: rooms' own owner succession). All project ALL.
 */
export const MEMBERSHIPS_INDEXES = {
  byUser: 'byUser',
  byUsername: 'byUsername',
  bySeniority: 'bySeniority',
} as const;

/**
 * The rooms service's blocks table (`chat-rooms-<stage>-blocks`, docs/decisions/008-rate-limits-and-blocks.md):
 * one item per block, key `userId` (the blocker, partition) + `blockedUserId` (sort), with `createdAt`.
 */
export const BLOCK_ATTRIBUTES = {
  userId: 'userId',
  blockedUserId: 'blockedUserId',
  createdAt: 'createdAt',
} as const;
