import {
  functionRole,
  manageConnections,
  putEvents,
  roleLogicalId,
  streamRead,
  tableAccess,
  withOwnRoles,
  type CfnResource,
  type IamStatement,
} from '../../src';

function statementsOf(role: CfnResource | undefined): IamStatement[] {
  const policies = role?.Properties.Policies as { PolicyDocument: { Statement: IamStatement[] } }[];
  return policies.flatMap((policy) => policy.PolicyDocument.Statement);
}

describe('functionRole', () => {
  it('builds a role Lambda can assume that writes only to the function log group, plus the given statements', () => {
    const extra = tableAccess('RoomsTable', ['dynamodb:GetItem']);

    const roles = functionRole('listRooms', [extra]);

    const role = roles.ListRoomsRole;
    expect(role?.Type).toBe('AWS::IAM::Role');
    expect(role?.Properties.AssumeRolePolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] }, Action: ['sts:AssumeRole'] },
      ],
    });
    expect(statementsOf(role)).toEqual([
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: [{ 'Fn::GetAtt': ['ListRoomsLogGroup', 'Arn'] }],
      },
      extra,
    ]);
  });

  it('names the role after the framework normalized function name', () => {
    expect(roleLogicalId('send-message_v2')).toBe('SendDashmessageUnderscorev2Role');
  });
});

describe('withOwnRoles', () => {
  it('points each function at its own role and strips the statements from the definition', () => {
    const { functions, roles } = withOwnRoles({
      health: { handler: 'src/handlers/health.handler' },
      ping: { handler: 'src/handlers/ping.handler', statements: [putEvents('arn:bus')] },
    });

    expect(functions).toEqual({
      health: { handler: 'src/handlers/health.handler', role: 'HealthRole' },
      ping: { handler: 'src/handlers/ping.handler', role: 'PingRole' },
    });
    expect(Object.keys(roles)).toEqual(['HealthRole', 'PingRole']);
    expect(statementsOf(roles.PingRole)[1]).toEqual({
      Effect: 'Allow',
      Action: ['events:PutEvents'],
      Resource: ['arn:bus'],
    });
  });
});

describe('statement helpers', () => {
  it('grants table actions on the table and, when asked, its indexes', () => {
    expect(tableAccess('RoomsTable', ['dynamodb:Query'], { indexes: true }).Resource).toEqual([
      { 'Fn::GetAtt': ['RoomsTable', 'Arn'] },
      { 'Fn::Sub': '${RoomsTable.Arn}/index/*' },
    ]);
  });

  it('grants stream reading on the table stream only', () => {
    expect(streamRead('MessagesTable')).toEqual({
      Effect: 'Allow',
      Action: [
        'dynamodb:DescribeStream',
        'dynamodb:GetRecords',
        'dynamodb:GetShardIterator',
        'dynamodb:ListStreams',
      ],
      Resource: [{ 'Fn::GetAtt': ['MessagesTable', 'StreamArn'] }],
    });
  });

  it('grants @connections methods on one stage of the WebSocket API, by logical id or by id', () => {
    expect(manageConnections({ logicalId: 'WebsocketsApi' }, ['POST', 'DELETE']).Resource).toEqual([
      {
        'Fn::Sub':
          'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${WebsocketsApi}/${sls:stage}/POST/@connections/*',
      },
      {
        'Fn::Sub':
          'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${WebsocketsApi}/${sls:stage}/DELETE/@connections/*',
      },
    ]);
    expect(manageConnections({ id: 'abc123' }).Resource).toEqual([
      {
        'Fn::Sub':
          'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:abc123/${sls:stage}/POST/@connections/*',
      },
    ]);
  });
});
