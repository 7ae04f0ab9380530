import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../src';

describe('documentClient', () => {
  it('is one document client for the whole sandbox, dropping undefined attributes', () => {
    const client = documentClient();

    expect(client).toBeInstanceOf(DynamoDBDocumentClient);
    expect(documentClient()).toBe(client);
    expect(client.config.translateConfig?.marshallOptions?.removeUndefinedValues).toBe(true);
  });
});
