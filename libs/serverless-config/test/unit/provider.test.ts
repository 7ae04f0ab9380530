import { attachedProvider, chatProvider, serviceBase } from '../../src';

describe('chatProvider', () => {
  it('runs Node.js 20 on arm64 with stage and region from the CLI and the common environment', () => {
    const provider = chatProvider({ memorySize: 512, environment: { EXTRA: 'x' } });

    expect(provider).toMatchObject({
      name: 'aws',
      runtime: 'nodejs20.x',
      architecture: 'arm64',
      region: "${opt:region, 'us-east-1'}",
      stage: "${opt:stage, 'dev'}",
      memorySize: 512,
      environment: {
        SERVICE_NAME: '${self:service}',
        STAGE: '${sls:stage}',
        // Source maps are read only where a stage asks: they cost every cold start.
        NODE_OPTIONS: "${param:nodeOptions, ''}",
        EXTRA: 'x',
      },
    });
  });
});

describe('attachedProvider', () => {
  it('attaches to the HTTP API given as a param and reads bus and user pool from params', () => {
    const provider = attachedProvider();

    expect(provider.httpApi).toEqual({ id: '${param:httpApiId}' });
    expect(provider.environment).toMatchObject({
      EVENT_BUS_NAME: '${param:eventBusName}',
      USER_POOL_ID: '${param:userPoolId}',
      USER_POOL_CLIENT_ID: '${param:userPoolClientId}',
    });
  });
});

describe('serviceBase', () => {
  it('bundles with esbuild: minified, the AWS SDK v3 inside from its ESM build, source maps beside', () => {
    const base = serviceBase('chat-x');

    expect(base.service).toBe('chat-x');
    expect(base.plugins).toEqual(['serverless-esbuild']);
    expect(base.custom.esbuild).toMatchObject({
      minify: true,
      mainFields: ['module', 'main'],
      sourcemap: true,
    });
    // Only Powertools Tracer (packaged beside the bundle) and the credential sources a function never reaches.
    expect(base.custom.esbuild.external).toEqual([
      '@aws-lambda-powertools/tracer',
      ...base.custom.esbuild.exclude,
    ]);
    expect(base.custom.esbuild.exclude).toContain('@aws-sdk/credential-provider-ini');
  });
});
