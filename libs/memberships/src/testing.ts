import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { MEMBERSHIP_ATTRIBUTES } from './names';

/** For tests only (not exported by the package's index). */

/** The memberships table of the local stack (stage `local`). */
export const LOCAL_MEMBERSHIPS_TABLE = 'chat-rooms-local-memberships';

export interface RemovalMark {
  roomId: string;
  userId: string;
  reason?: 'left' | 'kicked';
  /** Who removes them; the member themself by default. */
  removedBy?: string;
  tableName?: string;
}

/**
 * Writes the removal marker on an existing membership as rooms does just before it deletes the item, and leaves
 * the item in place: the window between the two steps, or a removal whose delete step failed.
 */
export async function markForRemoval(client: DynamoDBDocumentClient, mark: RemovalMark): Promise<void> {
  await client.send(
    new UpdateCommand({
      TableName: mark.tableName ?? LOCAL_MEMBERSHIPS_TABLE,
      Key: { [MEMBERSHIP_ATTRIBUTES.roomId]: mark.roomId, [MEMBERSHIP_ATTRIBUTES.userId]: mark.userId },
      UpdateExpression: 'SET removalId = :removalId, removedBy = :removedBy, #removalReason = :reason',
      ConditionExpression: 'attribute_exists(#userId)',
      ExpressionAttributeNames: {
        '#removalReason': MEMBERSHIP_ATTRIBUTES.removalReason,
        '#userId': MEMBERSHIP_ATTRIBUTES.userId,
      },
      ExpressionAttributeValues: {
        ':removalId': randomUUID(),
        ':removedBy': mark.removedBy ?? mark.userId,
        ':reason': mark.reason ?? 'kicked',
      },
    }),
  );
}
