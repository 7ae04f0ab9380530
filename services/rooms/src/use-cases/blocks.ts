import type { Block } from '../domain/blocks';
import { toBlock } from '../domain/blocks';
import { BlockSelfError, UserNotFoundError } from '../domain/errors';
import { blocksCursorSchema, decodeCursor, encodeCursor } from './cursor';
import type { Caller, RoomsDependencies, WriteContext } from './ports';

export interface BlockPage {
  items: Block[];
  nextCursor: string | null;
}

/**
 * `PUT /users/me/blocks/{userId}`: the caller blocks a registered user (idempotent: a repeated block keeps the
 * first one's `createdAt` and publishes nothing). Blocking oneself is 400; an unknown user is 404. The block is
 * in force as soon as this returns: POST /dms and DM posts read the blocks table consistently.
 */
export async function blockUser(
  deps: Pick<RoomsDependencies, 'blocks' | 'users' | 'clock'>,
  caller: Caller,
  blockedUserId: string,
  context: WriteContext,
): Promise<void> {
  if (blockedUserId === caller.userId) throw new BlockSelfError();
  if (!(await deps.users.find(blockedUserId))) throw new UserNotFoundError();
  await deps.blocks.block(
    {
      userId: caller.userId,
      blockedUserId,
      createdAt: deps.clock.now().toISOString(),
    },
    context,
  );
}

/** `DELETE /users/me/blocks/{userId}`: lifts the block; idempotent (no block, or oneself: 204 all the same). */
export async function unblockUser(
  deps: Pick<RoomsDependencies, 'blocks'>,
  caller: Caller,
  blockedUserId: string,
): Promise<void> {
  await deps.blocks.unblock(caller.userId, blockedUserId);
}

/** `GET /users/me/blocks?limit=&cursor=`: the caller's blocks in userId order, a page at a time. */
export async function listBlocks(
  deps: Pick<RoomsDependencies, 'blocks'>,
  caller: Caller,
  query: { limit: number; cursor?: string },
): Promise<BlockPage> {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, blocksCursorSchema);
  const page = await deps.blocks.page(caller.userId, query.limit, after?.b);
  return {
    items: page.items.map(toBlock),
    nextCursor: page.next === undefined ? null : encodeCursor({ b: page.next }),
  };
}
