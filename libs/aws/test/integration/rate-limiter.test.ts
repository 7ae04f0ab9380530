import { CreateTableCommand, DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { onStack } from '@chat/testing';
import { rateLimit } from '@chat/runtime';
import { dynamoRateLimiter, RATE_LIMIT_KEY } from '../../src';

// dynamoRateLimiter against the local stack's DynamoDB Local (started by the integration global setup).

const tableName = `aws-rate-limiter-${randomUUID()}`;
let client: DynamoDBClient;
let documents: DynamoDBDocumentClient;

beforeAll(async () => {
  client = new DynamoDBClient(onStack('dynamodb'));
  documents = DynamoDBDocumentClient.from(client);
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: RATE_LIMIT_KEY, AttributeType: 'S' }],
      KeySchema: [{ AttributeName: RATE_LIMIT_KEY, KeyType: 'HASH' }],
    }),
  );
});

afterAll(async () => {
  await client.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
  client.destroy();
});

describe('dynamoRateLimiter', () => {
  it('admits exactly the limit among concurrent checks from several sandboxes, then refuses until the window ends', async () => {
    const limit = rateLimit('test', 30, 10);
    const subject = randomUUID();
    const sandboxes = Array.from({ length: 4 }, () => dynamoRateLimiter(documents, tableName));

    const decisions = await Promise.all(
      Array.from({ length: 100 }, (_, i) => sandboxes[i % 4]!.take(limit, subject)),
    );

    const admitted = decisions.filter((d) => d.allowed);
    const refused = decisions.flatMap((d) => (d.allowed ? [] : [d.retryAfterSeconds]));
    expect(admitted).toHaveLength(30);
    expect(refused).toHaveLength(70);
    for (const seconds of refused) {
      expect(seconds).toBeGreaterThanOrEqual(1);
      expect(seconds).toBeLessThanOrEqual(10);
    }
    const { Item } = await documents.send(
      new GetCommand({ TableName: tableName, Key: { [RATE_LIMIT_KEY]: `test#${subject}` } }),
    );
    expect(Item).toMatchObject({ used: 30 });
    expect(Item?.expiresAt).toBeGreaterThan(Date.now() / 1000);
  });

  it('keeps subjects apart: one subject at its limit does not refuse another', async () => {
    const limit = rateLimit('apart', 2, 60);
    const limiter = dynamoRateLimiter(documents, tableName);
    const [flooder, other] = [randomUUID(), randomUUID()];

    for (let i = 0; i < 3; i += 1) await limiter.take(limit, flooder);

    expect(await limiter.take(limit, flooder)).toMatchObject({ allowed: false });
    expect(await limiter.take(limit, other)).toEqual({ allowed: true });
  });

  it('opens a new window once the stored one has ended, whatever this sandbox remembers', async () => {
    const limit = rateLimit('reopen', 1, 60);
    const subject = randomUUID();
    const limiter = dynamoRateLimiter(documents, tableName);
    await limiter.take(limit, subject);
    const other = dynamoRateLimiter(documents, tableName);
    expect(await other.take(limit, subject)).toMatchObject({ allowed: false });
    // The window ended (staged: its end moved into the past) in another sandbox's view.
    await documents.send(
      new PutCommand({
        TableName: tableName,
        Item: { [RATE_LIMIT_KEY]: `reopen#${subject}`, endsAt: Date.now() - 1000, used: 1 },
      }),
    );

    const fresh = dynamoRateLimiter(documents, tableName);

    expect(await fresh.take(limit, subject)).toEqual({ allowed: true });
    expect(await fresh.take(limit, subject)).toMatchObject({ allowed: false });
  });
});
