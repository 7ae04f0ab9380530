import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { lazy } from '@chat/runtime';
import { traced } from '../tracing';

/**
 * The DynamoDB document client of this sandbox, built on first use and shared by every adapter. It takes region,
 * credentials and endpoint from the standard AWS environment, and drops `undefined` attributes on write. Traced
 * (X-Ray) when the stage turns tracing on.
 */
export const documentClient: () => DynamoDBDocumentClient = /* @__PURE__ */ lazy(() =>
  DynamoDBDocumentClient.from(traced(new DynamoDBClient({})), {
    marshallOptions: { removeUndefinedValues: true },
  }),
);
