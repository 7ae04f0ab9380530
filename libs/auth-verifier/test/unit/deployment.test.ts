import { tokenVerifierAccess } from '../../src/deployment';

describe('tokenVerifierAccess', () => {
  it("gives an attached service the compose params and GetItem on chat-auth's revocations table only", () => {
    expect(tokenVerifierAccess()).toEqual({
      environment: {
        USER_POOL_ID: '${param:userPoolId}',
        USER_POOL_CLIENT_ID: '${param:userPoolClientId}',
        REVOCATIONS_TABLE: 'chat-auth-${sls:stage}-revocations',
      },
      statements: [
        {
          Effect: 'Allow',
          Action: ['dynamodb:GetItem'],
          Resource: [
            {
              'Fn::Sub':
                'arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/chat-auth-${sls:stage}-revocations',
            },
          ],
        },
      ],
    });
  });

  it('lets chat-auth point at its own pool, client and table resources', () => {
    const access = tokenVerifierAccess({
      userPoolId: { Ref: 'UserPool' },
      userPoolClientId: { Ref: 'UserPoolClient' },
      revocationsTable: {
        name: { Ref: 'RevocationsTable' },
        arn: { 'Fn::GetAtt': ['RevocationsTable', 'Arn'] },
      },
    });

    expect(access.environment).toEqual({
      USER_POOL_ID: { Ref: 'UserPool' },
      USER_POOL_CLIENT_ID: { Ref: 'UserPoolClient' },
      REVOCATIONS_TABLE: { Ref: 'RevocationsTable' },
    });
    expect(access.statements[0]?.Resource).toEqual([{ 'Fn::GetAtt': ['RevocationsTable', 'Arn'] }]);
  });
});
