import path from 'node:path';
import { referencedPlatformApplications } from '../../../src/sns-platform-applications';
import type { FunctionDefinition } from '../../../src/services/model';

function aFunction(environment: Record<string, string>): FunctionDefinition {
  return {
    qualifiedName: 'svc.fn',
    service: 'svc',
    key: 'fn',
    functionName: 'svc-local-fn',
    handlerFile: path.join(__dirname, 'handler.ts'),
    exportName: 'handler',
    environment,
    timeoutSeconds: 6,
    memorySize: 128,
  };
}

describe('referencedPlatformApplications', () => {
  it('finds each platform application ARN named in function environments once', () => {
    const apns = 'arn:aws:sns:us-east-1:000000000000:app/APNS/chat-local-apns';
    const fcm = 'arn:aws:sns:us-east-1:000000000000:app/GCM/chat-local-fcm';

    const found = referencedPlatformApplications([
      aFunction({ APNS: apns, FCM: fcm, TABLE: 'chat-local-table' }),
      aFunction({ APNS: apns, TOPIC: 'arn:aws:sns:us-east-1:000000000000:some-topic' }),
    ]);

    expect(found).toEqual([
      { platform: 'APNS', name: 'chat-local-apns' },
      { platform: 'GCM', name: 'chat-local-fcm' },
    ]);
  });
});
