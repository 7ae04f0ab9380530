import {
  failuresQueue,
  indexAccess,
  PROCESSED_EVENTS_TABLE,
  processedEventsAccess,
  processedEventsTable,
  tableEnvironment,
} from '../../src';

describe('processed-events table', () => {
  it("is the idempotency guard's table, named after the service and stage", () => {
    expect(processedEventsTable()).toMatchObject({
      Type: 'AWS::DynamoDB::Table',
      Properties: {
        TableName: '${self:service}-${sls:stage}-processed-events',
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      },
    });
  });

  it('is read and written by the guard with get, put, update and delete only', () => {
    expect(processedEventsAccess()).toEqual({
      Effect: 'Allow',
      Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
      Resource: [{ 'Fn::GetAtt': [PROCESSED_EVENTS_TABLE, 'Arn'] }],
    });
  });
});

describe('failuresQueue', () => {
  it('keeps failed batches for 14 days, encrypted', () => {
    expect(failuresQueue()).toEqual({
      Type: 'AWS::SQS::Queue',
      Properties: { MessageRetentionPeriod: 1209600, SqsManagedSseEnabled: true },
    });
  });
});

describe('indexAccess', () => {
  it('allows the actions on one index of a table of the stack', () => {
    expect(indexAccess('UsersTable', 'byUsername', ['dynamodb:Query'])).toEqual({
      Effect: 'Allow',
      Action: ['dynamodb:Query'],
      Resource: [{ 'Fn::Sub': '${UsersTable.Arn}/index/byUsername' }],
    });
  });
});

describe('tableEnvironment', () => {
  it('names tables of the stack by reference', () => {
    expect(tableEnvironment({ ROOMS_TABLE: 'RoomsTable' })).toEqual({ ROOMS_TABLE: { Ref: 'RoomsTable' } });
  });
});
