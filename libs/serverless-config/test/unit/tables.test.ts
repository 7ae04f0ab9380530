import { dynamoTable, tableName } from '../../src';

describe('dynamoTable', () => {
  it('builds an on-demand table named after the service and stage with its key schema', () => {
    const table = dynamoTable({
      name: 'messages',
      partitionKey: { name: 'roomId', type: 'S' },
      sortKey: { name: 'messageId', type: 'S' },
    });

    expect(table).toEqual({
      Type: 'AWS::DynamoDB::Table',
      Properties: {
        TableName: '${self:service}-${sls:stage}-messages',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'roomId', AttributeType: 'S' },
          { AttributeName: 'messageId', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'roomId', KeyType: 'HASH' },
          { AttributeName: 'messageId', KeyType: 'RANGE' },
        ],
      },
    });
  });

  it('adds indexes, stream, TTL and point-in-time recovery when asked, declaring each attribute once', () => {
    const { Properties } = dynamoTable({
      name: 'connections',
      partitionKey: { name: 'connectionId', type: 'S' },
      indexes: [
        { name: 'byUserId', partitionKey: { name: 'userId', type: 'S' } },
        {
          name: 'byUserAndTime',
          partitionKey: { name: 'userId', type: 'S' },
          sortKey: { name: 'at', type: 'N' },
          projection: 'KEYS_ONLY',
        },
      ],
      stream: 'NEW_AND_OLD_IMAGES',
      ttlAttribute: 'expiresAt',
      pointInTimeRecovery: true,
    });

    expect(Properties.AttributeDefinitions).toEqual([
      { AttributeName: 'connectionId', AttributeType: 'S' },
      { AttributeName: 'userId', AttributeType: 'S' },
      { AttributeName: 'at', AttributeType: 'N' },
    ]);
    expect(Properties.GlobalSecondaryIndexes).toEqual([
      {
        IndexName: 'byUserId',
        KeySchema: [{ AttributeName: 'userId', KeyType: 'HASH' }],
        Projection: { ProjectionType: 'ALL' },
      },
      {
        IndexName: 'byUserAndTime',
        KeySchema: [
          { AttributeName: 'userId', KeyType: 'HASH' },
          { AttributeName: 'at', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'KEYS_ONLY' },
      },
    ]);
    expect(Properties.StreamSpecification).toEqual({ StreamViewType: 'NEW_AND_OLD_IMAGES' });
    expect(Properties.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
    expect(Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
  });

  it('adds local indexes on the partition key with their own sort keys', () => {
    const { Properties } = dynamoTable({
      name: 'memberships',
      partitionKey: { name: 'roomId', type: 'S' },
      sortKey: { name: 'userId', type: 'S' },
      localIndexes: [{ name: 'byUsername', sortKey: { name: 'username', type: 'S' } }],
    });

    expect(Properties.AttributeDefinitions).toEqual([
      { AttributeName: 'roomId', AttributeType: 'S' },
      { AttributeName: 'userId', AttributeType: 'S' },
      { AttributeName: 'username', AttributeType: 'S' },
    ]);
    expect(Properties.LocalSecondaryIndexes).toEqual([
      {
        IndexName: 'byUsername',
        KeySchema: [
          { AttributeName: 'roomId', KeyType: 'HASH' },
          { AttributeName: 'username', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ]);
  });

  it('refuses an attribute declared with two types', () => {
    expect(() =>
      dynamoTable({
        name: 't',
        partitionKey: { name: 'id', type: 'S' },
        indexes: [{ name: 'i', partitionKey: { name: 'id', type: 'N' } }],
      }),
    ).toThrow('Table t: attribute id is declared both S and N');
  });
});

describe('tableName', () => {
  it('is the literal name the table resource uses', () => {
    expect(tableName('rooms')).toBe('${self:service}-${sls:stage}-rooms');
  });
});
