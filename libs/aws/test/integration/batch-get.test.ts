import { CreateTableCommand, DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { onStack } from '@chat/testing';
import { batchGetAll } from '../../src';

// batchGetAll against the local stack's DynamoDB Local (started by the integration global setup).

const tableName = `aws-batch-get-${randomUUID()}`;
let client: DynamoDBClient;
let documents: DynamoDBDocumentClient;

const itemOf = (index: number) => ({ id: `item-${index}`, name: `name ${index}`, status: 'active' });

beforeAll(async () => {
  client = new DynamoDBClient(onStack('dynamodb'));
  documents = DynamoDBDocumentClient.from(client);
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    }),
  );
  const items = Array.from({ length: 230 }, (_, index) => itemOf(index));
  for (let start = 0; start < items.length; start += 25) {
    await documents.send(
      new BatchWriteCommand({
        RequestItems: {
          [tableName]: items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } })),
        },
      }),
    );
  }
});

afterAll(async () => {
  await client.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
  client.destroy();
});

describe('batchGetAll on DynamoDB Local', () => {
  it('reads more keys than one BatchGetItem call takes', async () => {
    const keys = Array.from({ length: 230 }, (_, index) => ({ id: `item-${index}` }));

    const items = await batchGetAll(documents, tableName, keys, { consistentRead: true });

    expect(items).toHaveLength(230);
    expect(new Set(items.map((item) => item.id))).toEqual(new Set(keys.map((key) => key.id)));
  });

  it('yields nothing for keys without an item', async () => {
    const items = await batchGetAll(documents, tableName, [{ id: 'item-3' }, { id: 'missing' }]);

    expect(items).toEqual([itemOf(3)]);
  });

  it('reads only the projected attributes', async () => {
    const items = await batchGetAll(documents, tableName, [{ id: 'item-7' }], {
      projection: 'id, #status',
      names: { '#status': 'status' },
    });

    expect(items).toEqual([{ id: 'item-7', status: 'active' }]);
  });
});
