import {
  idempotencyTableProperties,
  idempotencyTableResource,
  idempotencyTableSchema,
} from '../../src/index';

describe('idempotencyTableResource', () => {
  it('describes a table keyed by the string hash key pk with TTL on expiresAt', () => {
    const resource = idempotencyTableResource('chat-dev-realtime-processed-events');

    expect(resource).toEqual({
      Type: 'AWS::DynamoDB::Table',
      Properties: {
        TableName: 'chat-dev-realtime-processed-events',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      },
    });
    expect(idempotencyTableProperties('t')).toEqual({ ...resource.Properties, TableName: 't' });
    expect(idempotencyTableSchema).toEqual({ partitionKey: 'pk', ttlAttribute: 'expiresAt' });
  });
});
