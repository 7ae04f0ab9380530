import {
  healthRoute,
  httpRoute,
  onEvents,
  outboxFunction,
  streamFunction,
  streamRead,
  tableAccess,
  type Access,
} from '../../src';

const verifier: Access = {
  environment: { USER_POOL_ID: 'pool' },
  statements: [tableAccess('RevocationsTable', ['dynamodb:GetItem'])],
};

describe('httpRoute', () => {
  it("gives the route the access's environment and statements before its own", () => {
    const own = tableAccess('RoomsTable', ['dynamodb:PutItem']);

    const route = httpRoute('POST', '/rooms', verifier, {
      handler: 'create-room',
      environment: { ROOMS_TABLE: 'rooms' },
      statements: [own],
    });

    expect(route).toEqual({
      handler: 'src/handlers/create-room.handler',
      events: [{ httpApi: { method: 'POST', path: '/rooms' } }],
      environment: { USER_POOL_ID: 'pool', ROOMS_TABLE: 'rooms' },
      statements: [...verifier.statements, own],
    });
  });
});

describe('healthRoute', () => {
  it("serves GET /health/<name> from the service's health handler, reading one item of its table", () => {
    expect(healthRoute('rooms', { table: 'RoomsTable', key: { roomId: '__health__' } })).toEqual({
      handler: 'src/handlers/health.handler',
      events: [{ httpApi: { method: 'GET', path: '/health/rooms' } }],
      environment: { HEALTH_PROBE_TABLE: { Ref: 'RoomsTable' }, HEALTH_PROBE_KEY: '{"roomId":"__health__"}' },
      statements: [
        {
          Effect: 'Allow',
          Action: ['dynamodb:GetItem'],
          Resource: [{ 'Fn::GetAtt': ['RoomsTable', 'Arn'] }],
        },
      ],
    });
  });
});

describe('streamFunction', () => {
  it('reads the stream from the trim horizon with partial batch failures, bisecting, bounded retries', () => {
    const fn = streamFunction('track-presence', 'ConnectionsTable', {
      batchSize: 100,
      maximumRetryAttempts: 100,
    });

    expect(fn.events).toEqual([
      {
        stream: {
          type: 'dynamodb',
          arn: { 'Fn::GetAtt': ['ConnectionsTable', 'StreamArn'] },
          startingPosition: 'TRIM_HORIZON',
          batchSize: 100,
          maximumRetryAttempts: 100,
          bisectBatchOnFunctionError: true,
          functionResponseType: 'ReportBatchItemFailures',
        },
      },
    ]);
    expect(fn.statements).toEqual([streamRead('ConnectionsTable')]);
  });

  it('filters records and sends failed batches to a queue it may write to', () => {
    const fn = streamFunction('deliver', 'InboxTable', {
      batchSize: 10,
      maximumRetryAttempts: 10,
      filterPatterns: [{ eventName: ['INSERT'] }],
      onFailureQueue: 'FailuresQueue',
    });

    expect(fn.events?.[0]).toMatchObject({
      stream: {
        filterPatterns: [{ eventName: ['INSERT'] }],
        destinations: { onFailure: { arn: { 'Fn::GetAtt': ['FailuresQueue', 'Arn'] }, type: 'sqs' } },
      },
    });
    expect(fn.statements).toContainEqual({
      Effect: 'Allow',
      Action: ['sqs:SendMessage'],
      Resource: [{ 'Fn::GetAtt': ['FailuresQueue', 'Arn'] }],
    });
  });
});

describe('outboxFunction', () => {
  it('reads the stream and puts events on the bus, nothing else', () => {
    const fn = outboxFunction('publish-room-events', 'RoomsTable', 'bus-arn', {
      batchSize: 25,
      maximumRetryAttempts: 10,
    });

    expect(fn.handler).toBe('src/handlers/publish-room-events.handler');
    expect(fn.statements?.flatMap((statement) => statement.Action)).toEqual([
      'dynamodb:DescribeStream',
      'dynamodb:GetRecords',
      'dynamodb:GetShardIterator',
      'dynamodb:ListStreams',
      'events:PutEvents',
    ]);
  });
});

describe('onEvents', () => {
  it('makes one rule on the bus per pattern', () => {
    expect(onEvents('bus-arn', [{ source: ['a'] }, { source: ['b'] }])).toEqual([
      { eventBridge: { eventBus: 'bus-arn', pattern: { source: ['a'] } } },
      { eventBridge: { eventBus: 'bus-arn', pattern: { source: ['b'] } } },
    ]);
  });
});
