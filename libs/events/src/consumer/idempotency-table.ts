/** Key schema of an idempotency table: a string hash key `pk`, TTL on `expiresAt` (epoch seconds). */
export const idempotencyTableSchema = {
  partitionKey: 'pk',
  ttlAttribute: 'expiresAt',
} as const;

/** CloudFormation `Properties` of an `AWS::DynamoDB::Table` for createIdempotencyGuard. */
export interface IdempotencyTableProperties {
  TableName: string;
  BillingMode: 'PAY_PER_REQUEST';
  AttributeDefinitions: Array<{ AttributeName: string; AttributeType: 'S' }>;
  KeySchema: Array<{ AttributeName: string; KeyType: 'HASH' }>;
  TimeToLiveSpecification: { AttributeName: string; Enabled: true };
}

/**
 * The table createIdempotencyGuard needs, as CloudFormation Properties, e.g. in a service's
 * serverless.ts: `ProcessedEvents: { Type: 'AWS::DynamoDB::Table', Properties: idempotencyTableProperties(name) }`.
 */
export function idempotencyTableProperties(tableName: string): IdempotencyTableProperties {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: idempotencyTableSchema.partitionKey, AttributeType: 'S' }],
    KeySchema: [{ AttributeName: idempotencyTableSchema.partitionKey, KeyType: 'HASH' }],
    TimeToLiveSpecification: { AttributeName: idempotencyTableSchema.ttlAttribute, Enabled: true },
  };
}

/** The whole resource: `{ Type: 'AWS::DynamoDB::Table', Properties }`, to spread into `resources.Resources`. */
export function idempotencyTableResource(tableName: string): {
  Type: 'AWS::DynamoDB::Table';
  Properties: IdempotencyTableProperties;
} {
  return { Type: 'AWS::DynamoDB::Table', Properties: idempotencyTableProperties(tableName) };
}
