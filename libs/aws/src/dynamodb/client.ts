import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { lazy } from '@chat/runtime';

/**
 * The DynamoDB document client of this sandbox, built on first use and shared by every adapter. It takes region,
 * credentials and endpoint from the standard AWS environment, and drops `undefined` attributes on write.
 */
export const documentClient: () => DynamoDBDocumentClient = lazy(() =>
  DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } }),
);
