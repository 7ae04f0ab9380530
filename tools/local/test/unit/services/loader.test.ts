import path from 'node:path';
import { resolveIntrinsics, type IntrinsicContext } from '../../../src/services/intrinsics';
import { VariableResolver } from '../../../src/services/variables';
import { FIXTURE_ROOT as root, loadFixtureServices } from './fixture-services';

const sources = {
  stage: 'local',
  region: 'us-east-1',
  params: { bus: 'chat-local' },
  env: { NAME: 'from-env' },
};

describe('VariableResolver', () => {
  it('resolves stage, self references, params, env and fallbacks inside strings', () => {
    const config = { service: 'svc', custom: { table: '${self:service}-${sls:stage}-t' } };
    const resolver = new VariableResolver(config, sources);

    const resolved = resolver.resolve({
      table: '${self:custom.table}',
      bus: '${param:bus}',
      name: '${env:NAME}',
      missing: "${env:NOT_SET, 'fallback'}",
      stage: "${opt:stage, 'dev'}",
    });

    expect(resolved).toEqual({
      table: 'svc-local-t',
      bus: 'chat-local',
      name: 'from-env',
      missing: 'fallback',
      stage: 'local',
    });
  });

  it('reads a chain of sources, the first that has a value winning', () => {
    const resolver = new VariableResolver({}, sources);

    expect(resolver.resolve("${param:notGiven, env:NAME, 'last'}")).toBe('from-env');
    expect(resolver.resolve("${param:notGiven, env:NOT_SET, 'last'}")).toBe('last');
    expect(resolver.resolve("${param:bus, env:NAME, 'last'}")).toBe('chat-local');
  });

  it('keeps the type of a whole-string variable and leaves CloudFormation substitutions alone', () => {
    const resolver = new VariableResolver({ custom: { size: 10 } }, sources);

    expect(resolver.resolve('${self:custom.size}')).toBe(10);
    expect(resolver.resolve('arn:${AWS::Region}:${self:custom.size}')).toBe('arn:${AWS::Region}:10');
  });

  it('fails with the name of a variable it cannot resolve', () => {
    const resolver = new VariableResolver({}, sources);

    expect(() => resolver.resolve('${param:unknown}')).toThrow('Cannot resolve variable ${param:unknown}');
  });
});

describe('resolveIntrinsics', () => {
  const ctx: IntrinsicContext = {
    region: 'eu-west-1',
    accountId: '123456789012',
    stackName: 'svc-local',
    resources: {
      Table: { Type: 'AWS::DynamoDB::Table', Properties: { TableName: 'svc-local-t' } },
      Bus: { Type: 'AWS::Events::EventBus', Properties: { Name: 'chat-local' } },
      Pool: { Type: 'AWS::Cognito::UserPool' },
    },
    overrides: { Pool: { Ref: 'eu-west-1_abc' }, Api: { Ref: 'api123' } },
  };

  it('evaluates Ref, GetAtt, Sub and Join the way CloudFormation names things', () => {
    expect(
      resolveIntrinsics(
        {
          table: { Ref: 'Table' },
          arn: { 'Fn::GetAtt': ['Table', 'Arn'] },
          bus: { 'Fn::GetAtt': ['Bus', 'Arn'] },
          pool: { Ref: 'Pool' },
          sub: { 'Fn::Sub': 'https://${Api}.execute-api.${AWS::Region}.amazonaws.com/${Table}' },
          join: { 'Fn::Join': ['', ['wss://', { Ref: 'Api' }, '/local']] },
        },
        ctx,
      ),
    ).toEqual({
      table: 'svc-local-t',
      arn: 'arn:aws:dynamodb:eu-west-1:123456789012:table/svc-local-t',
      bus: 'arn:aws:events:eu-west-1:123456789012:event-bus/chat-local',
      pool: 'eu-west-1_abc',
      sub: 'https://api123.execute-api.eu-west-1.amazonaws.com/svc-local-t',
      join: 'wss://api123/local',
    });
  });

  it('refuses a reference to an unknown resource', () => {
    expect(() => resolveIntrinsics({ Ref: 'Nope' }, ctx)).toThrow('Ref to unknown resource Nope');
  });
});

describe('loadComposition', () => {
  const services = loadFixtureServices();
  const [alpha, beta] = services;

  it('loads services in dependency order and feeds outputs to dependents as params', () => {
    expect(services.map((s) => s.serviceName)).toEqual(['fx-alpha', 'fx-beta']);
    expect(alpha?.outputs).toMatchObject({
      EventBusName: 'fx-local',
      EventBusArn: 'arn:aws:events:us-east-1:000000000000:event-bus/fx-local',
      Endpoint: 'https://us-east-1.example.com/fx-local',
    });
    expect(beta?.functions[0]?.environment).toEqual({ BUS: 'fx-local' });
  });

  it('reads functions with their resolved environment, handler file, timeout and deployed name', () => {
    const onItem = alpha?.functions.find((f) => f.key === 'onItem');

    expect(onItem).toMatchObject({
      qualifiedName: 'alpha.onItem',
      functionName: 'fx-alpha-local-onItem',
      exportName: 'health',
      timeoutSeconds: 10,
      environment: {
        STAGE: 'local',
        GREETING: 'hello',
        TABLE: 'fx-alpha-local-items',
        TABLE_ARN: 'arn:aws:dynamodb:us-east-1:000000000000:table/fx-alpha-local-items',
      },
    });
    expect(onItem?.handlerFile).toBe(path.join(root, 'services/alpha/src/handler.ts'));
  });

  it('collects HTTP routes, WebSocket routes, event rules, stream subscriptions and tables', () => {
    expect(alpha?.httpRoutes).toEqual([
      { method: 'GET', path: '/health/alpha', functionName: 'alpha.health' },
    ]);
    expect(alpha?.webSocketRoutes.map((r) => r.routeKey)).toEqual(['$connect', 'ping']);
    expect(alpha?.streams).toEqual([
      expect.objectContaining({
        functionName: 'alpha.onItem',
        tableName: 'fx-alpha-local-items',
        batchSize: 10,
        reportBatchItemFailures: true,
        startingPosition: 'TRIM_HORIZON',
        filterPatterns: [{ eventName: ['INSERT'] }],
      }),
    ]);
    expect(alpha?.tables.map((t) => t.properties.TableName)).toEqual(['fx-alpha-local-items']);
    expect(beta?.rules).toEqual([
      {
        name: 'fx-beta-onEvent-rule-1',
        eventBusName: 'fx-local',
        pattern: { source: ['fx.alpha'] },
        targets: ['beta.onEvent'],
      },
    ]);
  });

  it('reads the WebSocket route selection expression where a service sets one', () => {
    expect(alpha?.webSocketRouteSelectionExpression).toBe('$request.body.type');
    expect(beta?.webSocketRouteSelectionExpression).toBeUndefined();
  });
});
