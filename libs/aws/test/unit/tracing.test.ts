import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { traced, tracingEnabled } from '@chat/aws';

const middlewareNames = (client: DynamoDBClient) => client.middlewareStack.identify().join(' ');

describe('traced (Powertools Tracer on the AWS SDK clients)', () => {
  afterEach(() => {
    delete process.env.CHAT_TRACING;
    delete process.env.AWS_EXECUTION_ENV;
  });

  it('is on only when the stage’s tracing parameter is Active', () => {
    expect(tracingEnabled({})).toBe(false);
    expect(tracingEnabled({ CHAT_TRACING: 'PassThrough' })).toBe(false);
    expect(tracingEnabled({ CHAT_TRACING: 'Active' })).toBe(true);
  });

  it('leaves a client as it is while tracing is off', () => {
    const client = new DynamoDBClient({ region: 'us-east-1' });

    expect(traced(client)).toBe(client);
    expect(middlewareNames(client)).not.toContain('XRay');
  });

  it('captures the client’s calls as X-Ray subsegments when tracing is on', () => {
    process.env.CHAT_TRACING = 'Active';
    process.env.AWS_EXECUTION_ENV = 'AWS_Lambda_nodejs20.x'; // Powertools' Tracer stays off outside Lambda
    const client = new DynamoDBClient({ region: 'us-east-1' });

    const result = traced(client);

    expect(middlewareNames(result)).toContain('XRaySDKInstrumentation');
  });
});
