import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetAll } from '@chat/aws';
import type { AttachmentRecord, AttachmentRecords } from '../use-cases/ports';

function recordOf(item: Record<string, unknown>): AttachmentRecord {
  const record: AttachmentRecord = {
    attachmentId: String(item.attachmentId),
    roomId: String(item.roomId),
    uploaderId: String(item.uploaderId),
    fileName: String(item.fileName),
    contentType: String(item.contentType),
    size: Number(item.size),
    createdAt: String(item.createdAt),
  };
  if (typeof item.messageId === 'string') record.messageId = item.messageId;
  return record;
}

/** The attachments table (pk attachmentId): announced uploads and the message that claimed each. */
export function dynamoAttachmentRecords(
  client: DynamoDBDocumentClient,
  tableName: string,
): AttachmentRecords {
  return {
    async put(record) {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: record,
          ConditionExpression: 'attribute_not_exists(attachmentId)',
        }),
      );
    },

    async get(attachmentId) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: { attachmentId }, ConsistentRead: true }),
      );
      return Item ? recordOf(Item) : undefined;
    },

    async getMany(attachmentIds) {
      const keys = [...new Set(attachmentIds)].map((attachmentId) => ({ attachmentId }));
      const items = await batchGetAll(client, tableName, keys, { consistentRead: true });
      return new Map(items.map(recordOf).map((record) => [record.attachmentId, record]));
    },

    async remove(attachmentIds) {
      await Promise.all(
        attachmentIds.map((attachmentId) =>
          client.send(new DeleteCommand({ TableName: tableName, Key: { attachmentId } })),
        ),
      );
    },
  };
}
