import {
  BatchGetCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
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
      const records = new Map<string, AttachmentRecord>();
      if (attachmentIds.length === 0) return records;
      let keys: Record<string, unknown>[] | undefined = [...new Set(attachmentIds)].map((attachmentId) => ({
        attachmentId,
      }));
      // At most MAX_ATTACHMENTS_PER_MESSAGE keys: one call, plus retries of any the table left unprocessed.
      for (let attempt = 0; keys && keys.length > 0 && attempt < 5; attempt++) {
        const result: BatchGetCommandOutput = await client.send(
          new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys, ConsistentRead: true } } }),
        );
        for (const item of result.Responses?.[tableName] ?? []) {
          const record = recordOf(item);
          records.set(record.attachmentId, record);
        }
        keys = result.UnprocessedKeys?.[tableName]?.Keys;
      }
      if (keys && keys.length > 0) throw new Error('attachments could not be read (unprocessed keys left)');
      return records;
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
