import { type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetAll, getItem } from '@chat/aws';
import { BLOCK_ATTRIBUTES } from './names';

const A = BLOCK_ATTRIBUTES;

/**
 * The one reader of the rooms service's blocks table (docs/decisions/008-rate-limits-and-blocks.md): strongly
 * consistent, so a block that has returned 204 is seen by the very next post or notification.
 */
export interface BlockReader {
  /** Whether `blockerId` has blocked `blockedId`. */
  hasBlocked(blockerId: string, blockedId: string): Promise<boolean>;
  /** Those of `userIds` who have blocked `blockedId` (one consistent BatchGetItem per 100). */
  blockersOf(blockedId: string, userIds: readonly string[]): Promise<Set<string>>;
}

/** A read-only reader of the blocks table `tableName` (GetItem and BatchGetItem only). */
export function blockReader(client: DynamoDBDocumentClient, tableName: string): BlockReader {
  const key = (blockerId: string, blockedId: string) => ({
    [A.userId]: blockerId,
    [A.blockedUserId]: blockedId,
  });
  return {
    async hasBlocked(blockerId, blockedId) {
      const item = await getItem(client, tableName, key(blockerId, blockedId), {
        consistentRead: true,
        projection: A.userId,
      });
      return item !== undefined;
    },

    async blockersOf(blockedId, userIds) {
      const unique = [...new Set(userIds)].filter((userId) => userId !== blockedId);
      if (unique.length === 0) return new Set();
      const items = await batchGetAll(
        client,
        tableName,
        unique.map((userId) => key(userId, blockedId)),
        { consistentRead: true, projection: A.userId },
      );
      const blockers = items.map((item) => item[A.userId]);
      return new Set(blockers.filter((userId): userId is string => typeof userId === 'string'));
    },
  };
}
