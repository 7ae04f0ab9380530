import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { onStack } from './stack';

/** A new document client on the stack's DynamoDB Local, to look at (and stage) table items; destroy it after. */
export function stackDocumentClient(): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient(onStack('dynamodb')), {
    marshallOptions: { removeUndefinedValues: true },
  });
}
