/** One block: `userId` blocked `blockedUserId` at `createdAt` (docs/decisions/008-rate-limits-and-blocks.md). */
export interface BlockRecord {
  userId: string;
  blockedUserId: string;
  createdAt: string;
}

/** `GET /users/me/blocks` item. */
export interface Block {
  userId: string;
  createdAt: string;
}

export function toBlock(record: BlockRecord): Block {
  return { userId: record.blockedUserId, createdAt: record.createdAt };
}
