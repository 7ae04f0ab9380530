import { allow } from './iam';
import type { CfnValue, IamStatement } from './types';

/** The given DynamoDB actions on a table of this stack and, with `indexes`, on its indexes. */
export function tableAccess(
  tableLogicalId: string,
  actions: string[],
  options: { indexes?: boolean } = {},
): IamStatement {
  const resources: CfnValue[] = [{ 'Fn::GetAtt': [tableLogicalId, 'Arn'] }];
  if (options.indexes) resources.push({ 'Fn::Sub': `\${${tableLogicalId}.Arn}/index/*` });
  return allow(actions, resources);
}

/** The given actions on one index of a table of this stack (`${Table.Arn}/index/<name>`). */
export function indexAccess(tableLogicalId: string, index: string, actions: string[]): IamStatement {
  return allow(actions, [{ 'Fn::Sub': `\${${tableLogicalId}.Arn}/index/${index}` }]);
}

/** What a DynamoDB stream event source needs on the function's role. */
export function streamRead(tableLogicalId: string): IamStatement {
  return allow(
    ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'],
    [{ 'Fn::GetAtt': [tableLogicalId, 'StreamArn'] }],
  );
}

/** PutEvents on one event bus, given by ARN (a param or `{ 'Fn::GetAtt': [bus, 'Arn'] }`). */
export function putEvents(eventBusArn: CfnValue): IamStatement {
  return allow(['events:PutEvents'], [eventBusArn]);
}

/**
 * `execute-api:ManageConnections` on the `@connections` API of one WebSocket API stage, for the given HTTP
 * methods (POST sends, DELETE closes, GET reads a connection). `api` is the API's logical id in this stack
 * or its id given as a param.
 */
export function manageConnections(
  api: { logicalId: string } | { id: string },
  methods: ('POST' | 'DELETE' | 'GET')[] = ['POST'],
): IamStatement {
  const apiId = 'logicalId' in api ? `\${${api.logicalId}}` : api.id;
  return allow(
    ['execute-api:ManageConnections'],
    methods.map((method) => ({
      'Fn::Sub': `arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:${apiId}/\${sls:stage}/${method}/@connections/*`,
    })),
  );
}
