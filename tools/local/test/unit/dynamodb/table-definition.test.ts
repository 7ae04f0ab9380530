import type { TableDescription } from '@aws-sdk/client-dynamodb';
import {
  planExistingTable,
  toLocalTablePlan,
  type TableDefinition,
} from '../../../src/dynamodb/table-definition';

function aTable(properties: Record<string, unknown> = {}): TableDefinition {
  return {
    logicalId: 'MessagesTable',
    properties: {
      TableName: 'chat-dev-messages',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
        { AttributeName: 'gsi1pk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      ...properties,
    },
  };
}

const gsi = {
  IndexName: 'gsi1',
  KeySchema: [{ AttributeName: 'gsi1pk', KeyType: 'HASH' }],
  Projection: { ProjectionType: 'ALL' },
};

describe('toLocalTablePlan', () => {
  it('maps the CloudFormation properties to a CreateTable request with stream, indexes and TTL', () => {
    const definition = aTable({
      GlobalSecondaryIndexes: [{ ...gsi, ContributorInsightsSpecification: { Enabled: true } }],
      LocalSecondaryIndexes: [
        {
          IndexName: 'lsi1',
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'gsi1pk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ],
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      Tags: [{ Key: 'service', Value: 'messaging' }],
    });

    const plan = toLocalTablePlan(definition);

    expect(plan).toEqual({
      input: {
        TableName: 'chat-dev-messages',
        AttributeDefinitions: definition.properties.AttributeDefinitions,
        KeySchema: definition.properties.KeySchema,
        BillingMode: 'PAY_PER_REQUEST',
        GlobalSecondaryIndexes: [gsi],
        LocalSecondaryIndexes: [
          {
            IndexName: 'lsi1',
            KeySchema: [
              { AttributeName: 'pk', KeyType: 'HASH' },
              { AttributeName: 'gsi1pk', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'KEYS_ONLY' },
          },
        ],
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      },
      ttlAttribute: 'expiresAt',
      warnings: [],
    });
  });

  it('keeps provisioned throughput, given as strings, for a PROVISIONED table and its indexes', () => {
    const throughput = { ReadCapacityUnits: '5', WriteCapacityUnits: 2 };
    const definition = aTable({
      BillingMode: 'PROVISIONED',
      ProvisionedThroughput: throughput,
      GlobalSecondaryIndexes: [{ ...gsi, ProvisionedThroughput: throughput }],
    });

    const { input } = toLocalTablePlan(definition);

    expect(input.BillingMode).toBe('PROVISIONED');
    expect(input.ProvisionedThroughput).toEqual({ ReadCapacityUnits: 5, WriteCapacityUnits: 2 });
    expect(input.GlobalSecondaryIndexes?.[0]?.ProvisionedThroughput).toEqual({
      ReadCapacityUnits: 5,
      WriteCapacityUnits: 2,
    });
  });

  it('names the table after its logical id when TableName is absent, and leaves TTL off when disabled', () => {
    const definition = aTable({
      TableName: undefined,
      TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: 'false' },
    });

    const plan = toLocalTablePlan(definition);

    expect(plan.input.TableName).toBe('MessagesTable');
    expect(plan.ttlAttribute).toBeUndefined();
  });

  it('warns about properties it does not know', () => {
    const plan = toLocalTablePlan(aTable({ ImportSourceSpecification: {} }));

    expect(plan.warnings).toEqual([
      'table MessagesTable: property ImportSourceSpecification is not supported locally and is ignored',
    ]);
  });

  it('rejects invalid properties with the paths of the problems', () => {
    const definition = aTable({ KeySchema: [{ AttributeName: 'pk', KeyType: 'PRIMARY' }] });

    expect(() => toLocalTablePlan(definition)).toThrow(
      /Table MessagesTable has invalid Properties: KeySchema\.0\.KeyType/,
    );
  });
});

describe('planExistingTable', () => {
  const existing: TableDescription = {
    TableName: 'chat-dev-messages',
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [{ IndexName: 'old', KeySchema: [{ AttributeName: 'x', KeyType: 'HASH' }] }],
  };

  it('adds missing indexes and a missing stream, and warns about an index no longer defined', () => {
    const plan = toLocalTablePlan(
      aTable({ GlobalSecondaryIndexes: [gsi], StreamSpecification: { StreamViewType: 'KEYS_ONLY' } }),
    );

    const changes = planExistingTable(existing, plan);

    expect(changes).toEqual({
      indexesToCreate: [gsi],
      enableStream: true,
      warnings: ['table chat-dev-messages: index old is no longer defined; it is left in place'],
    });
  });

  it('changes nothing on a table that matches', () => {
    const plan = toLocalTablePlan(aTable({ StreamSpecification: { StreamViewType: 'KEYS_ONLY' } }));
    const matching: TableDescription = {
      ...existing,
      GlobalSecondaryIndexes: undefined,
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
    };

    expect(planExistingTable(matching, plan)).toEqual({
      indexesToCreate: [],
      enableStream: false,
      warnings: [],
    });
  });

  it('warns about what cannot change in place: key schema, stream view type, local indexes', () => {
    const plan = toLocalTablePlan(
      aTable({
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
        LocalSecondaryIndexes: [{ ...gsi, IndexName: 'lsi1' }],
      }),
    );
    const withStream: TableDescription = {
      ...existing,
      GlobalSecondaryIndexes: undefined,
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
    };

    const changes = planExistingTable(withStream, plan);

    expect(changes.enableStream).toBe(false);
    expect(changes.warnings).toEqual([
      'table chat-dev-messages exists with a different key schema; delete the local data to recreate it',
      'table chat-dev-messages: local index lsi1 is missing or different; delete the local data to recreate it',
      'table chat-dev-messages has a KEYS_ONLY stream, the definition wants NEW_IMAGE; delete the local data to recreate it',
    ]);
  });
});
