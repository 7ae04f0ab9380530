import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { conditionalWrite, getItem, setAttributes, whenConditionHolds } from '../../src';

const named = (name: string) => Object.assign(new Error(name), { name });

/** A client that records each command's input and answers with `output`. */
function recordingClient(output: object = {}) {
  const inputs: unknown[] = [];
  return {
    inputs,
    send: async (command: GetCommand | UpdateCommand) => {
      inputs.push(command.input);
      return output;
    },
  };
}

describe('conditionalWrite', () => {
  it.each([{}, undefined])('is true when the write was applied (answering %p)', async (output) => {
    await expect(conditionalWrite(Promise.resolve(output))).resolves.toBe(true);
  });

  it('is false when the write was refused for its condition', async () => {
    await expect(conditionalWrite(Promise.reject(named('ConditionalCheckFailedException')))).resolves.toBe(
      false,
    );
  });

  it('throws any other failure', async () => {
    const failure = named('ProvisionedThroughputExceededException');

    await expect(conditionalWrite(Promise.reject(failure))).rejects.toBe(failure);
  });
});

describe('whenConditionHolds', () => {
  it("gives the write's output when it was applied", async () => {
    await expect(whenConditionHolds(Promise.resolve({ Attributes: { n: 1 } }))).resolves.toEqual({
      Attributes: { n: 1 },
    });
  });

  it('is undefined when the write was refused for its condition', async () => {
    await expect(
      whenConditionHolds(Promise.reject(named('ConditionalCheckFailedException'))),
    ).resolves.toBeUndefined();
  });

  it('throws any other failure', async () => {
    const failure = named('ValidationException');

    await expect(whenConditionHolds(Promise.reject(failure))).rejects.toBe(failure);
  });
});

describe('getItem', () => {
  it('reads the item at the key with the options given', async () => {
    const client = recordingClient({ Item: { userId: 'u1', name: 'Ada' } });

    const item = await getItem(
      client,
      'users',
      { userId: 'u1' },
      { consistentRead: true, projection: 'name' },
    );

    expect(item).toEqual({ userId: 'u1', name: 'Ada' });
    expect(client.inputs).toEqual([
      { TableName: 'users', Key: { userId: 'u1' }, ConsistentRead: true, ProjectionExpression: 'name' },
    ]);
  });

  it('is undefined when there is no item, and sends no option it was not given', async () => {
    const client = recordingClient({});

    await expect(getItem(client, 'users', { userId: 'u2' })).resolves.toBeUndefined();
    expect(client.inputs).toEqual([{ TableName: 'users', Key: { userId: 'u2' } }]);
  });
});

describe('setAttributes', () => {
  it('sets each attribute through its own placeholders', async () => {
    const client = recordingClient();

    await setAttributes(client, 'rooms', { roomId: 'r1' }, { name: 'General', version: 3 });

    expect(client.inputs).toEqual([
      {
        TableName: 'rooms',
        Key: { roomId: 'r1' },
        UpdateExpression: 'SET #name = :name, #version = :version',
        ExpressionAttributeNames: { '#name': 'name', '#version': 'version' },
        ExpressionAttributeValues: { ':name': 'General', ':version': 3 },
      },
    ]);
  });

  it('adds a condition with its own names and values to those of the attributes', async () => {
    const client = recordingClient();

    await setAttributes(
      client,
      'devices',
      { deviceId: 'd1' },
      { subscriptionArn: 'arn:s' },
      {
        ConditionExpression: '#owner = :userId',
        ExpressionAttributeNames: { '#owner': 'userId' },
        ExpressionAttributeValues: { ':userId': 'u1' },
      },
    );

    expect(client.inputs).toEqual([
      {
        TableName: 'devices',
        Key: { deviceId: 'd1' },
        UpdateExpression: 'SET #subscriptionArn = :subscriptionArn',
        ConditionExpression: '#owner = :userId',
        ExpressionAttributeNames: { '#subscriptionArn': 'subscriptionArn', '#owner': 'userId' },
        ExpressionAttributeValues: { ':subscriptionArn': 'arn:s', ':userId': 'u1' },
      },
    ]);
  });

  it.each([{}, { 'a-b': 1 }])('refuses attributes %p it cannot name in an expression', async (attributes) => {
    const client = recordingClient();

    await expect(setAttributes(client, 'rooms', { roomId: 'r1' }, attributes)).rejects.toThrow(
      /letters, digits and _/,
    );
    expect(client.inputs).toEqual([]);
  });
});
