import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lambdaLogicalId, roleLogicalId } from '../../src';
import {
  fakeOutput,
  OUTPUT_REFERENCE,
  paramsWithFakeOutputs,
  readCompose,
  type ComposeService,
} from '../support/compose';
import { packageService, type CfnTemplate, type PackagedService } from '../support/package-service';
import { readZip } from '../support/zip';

/**
 * Packages every service of serverless-compose.yml with osls, with no AWS credentials and the params compose
 * would pass, and checks the generated CloudFormation and artifacts. The tables below are the reviewed
 * contract of each service's infrastructure: a change to a service's serverless.ts shows up here.
 */
const repoRoot = path.resolve(__dirname, '../../../..');
const stage = 'ci';
const LOGS = ['logs:CreateLogStream', 'logs:PutLogEvents'];
const POST_TO_CONNECTIONS = [...LOGS, 'execute-api:ManageConnections'];

/** Every function of each service, with exactly the IAM actions its own role may perform. */
const functionActions: Record<string, Record<string, string[]>> = {
  auth: { health: LOGS },
  realtime: {
    health: LOGS,
    connect: LOGS,
    disconnect: LOGS,
    defaultRoute: POST_TO_CONNECTIONS,
    ping: POST_TO_CONNECTIONS,
  },
  rooms: { health: LOGS },
  messaging: { health: LOGS },
  notifications: { health: LOGS },
};

const httpRoutes: Record<string, string[]> = {
  auth: ['GET /health/auth'],
  realtime: ['GET /health/realtime'],
  rooms: ['GET /health/rooms'],
  messaging: ['GET /health/messaging'],
  notifications: ['GET /health/notifications'],
};

const webSocketRoutes: Record<string, string[]> = {
  realtime: ['$connect', '$disconnect', '$default', 'ping'],
};

const requiredOutputs: Record<string, string[]> = {
  auth: [
    'HttpApiId',
    'HttpApiUrl',
    'EventBusName',
    'EventBusArn',
    'UserPoolId',
    'UserPoolArn',
    'UserPoolClientId',
  ],
  realtime: ['WebSocketApiId', 'WebSocketUrl', 'WebSocketManagementEndpoint'],
};

interface Statement {
  Effect: string;
  Action: string[];
  Resource: unknown[];
}

function resourcesOfType(template: CfnTemplate, type: string): [string, Record<string, unknown>][] {
  return Object.entries(template.Resources)
    .filter(([, resource]) => resource.Type === type)
    .map(([logicalId, resource]) => [logicalId, resource.Properties]);
}

function roleStatements(template: CfnTemplate, roleId: string): Statement[] {
  const policies = template.Resources[roleId]?.Properties.Policies as {
    PolicyDocument: { Statement: Statement[] };
  }[];
  return policies.flatMap((policy) => policy.PolicyDocument.Statement);
}

const compose = readCompose(repoRoot);
const scratch = mkdtempSync(path.join(os.tmpdir(), 'chat-packaging-'));
const packaged = new Map<string, PackagedService>();

function packagedService(key: string): PackagedService {
  const result = packaged.get(key);
  if (!result) throw new Error(`service ${key} was not packaged`);
  return result;
}

beforeAll(async () => {
  const results = await Promise.all(
    compose.map(async (service: ComposeService) => {
      const result = await packageService(path.join(repoRoot, service.path), {
        repoRoot,
        stage,
        params: paramsWithFakeOutputs(service),
        outDir: path.join(scratch, service.key),
        timeoutMs: 150_000,
      });
      return [service.key, result] as const;
    }),
  );
  for (const [key, result] of results) packaged.set(key, result);
}, 180_000);

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('serverless-compose.yml', () => {
  it('lists the five services', () => {
    expect(compose.map((service) => service.key).sort()).toEqual(Object.keys(functionActions).sort());
  });

  it('references only outputs that the referenced service really declares', () => {
    const references = compose.flatMap((service) =>
      Object.values(service.params).flatMap((value) => [...value.matchAll(OUTPUT_REFERENCE)]),
    );

    expect(references.length).toBeGreaterThan(0);
    for (const [, key, output] of references) {
      expect({ key, output, declared: Object.keys(packagedService(String(key)).template.Outputs) }).toEqual({
        key,
        output,
        declared: expect.arrayContaining([output]),
      });
    }
  });
});

describe.each(Object.keys(functionActions))('the %s service package', (key) => {
  const template = () => packagedService(key).template;
  const serviceName = `chat-${key}`;

  it('has exactly the expected functions, each on Node.js 20 arm64 with its service name', () => {
    const functions = resourcesOfType(template(), 'AWS::Lambda::Function');

    expect(functions.map(([logicalId]) => logicalId).sort()).toEqual(
      Object.keys(functionActions[key] ?? {})
        .map(lambdaLogicalId)
        .sort(),
    );
    for (const [, properties] of functions) {
      expect(properties).toMatchObject({
        Runtime: 'nodejs20.x',
        Architectures: ['arm64'],
        Environment: { Variables: expect.objectContaining({ SERVICE_NAME: serviceName, STAGE: stage }) },
      });
    }
  });

  it('gives every function its own role allowing only its listed actions, on specific resources', () => {
    expect(template().Resources.IamRoleLambdaExecution).toBeUndefined();
    for (const [functionKey, actions] of Object.entries(functionActions[key] ?? {})) {
      const fn = template().Resources[lambdaLogicalId(functionKey)];
      expect(fn?.Properties.Role).toEqual({ 'Fn::GetAtt': [roleLogicalId(functionKey), 'Arn'] });

      const statements = roleStatements(template(), roleLogicalId(functionKey));

      expect(statements.flatMap((statement) => statement.Action).sort()).toEqual([...actions].sort());
      for (const statement of statements) {
        expect(statement.Effect).toBe('Allow');
        expect(statement.Action.filter((action) => action.includes('*'))).toEqual([]);
        expect(
          statement.Resource.filter((resource) => typeof resource === 'string' && resource.includes('*')),
        ).toEqual([]);
      }
      expect(statements[0]?.Resource).toEqual([
        { 'Fn::GetAtt': [`${lambdaLogicalId(functionKey).replace(/LambdaFunction$/, '')}LogGroup`, 'Arn'] },
      ]);
    }
  });

  it('puts its HTTP routes on the stage HTTP API (created by auth, attached by id elsewhere)', () => {
    const routes = resourcesOfType(template(), 'AWS::ApiGatewayV2::Route').filter(
      ([, properties]) =>
        !String(properties.RouteKey).startsWith('$') &&
        !webSocketRoutes[key]?.includes(String(properties.RouteKey)),
    );
    const expectedApiId = key === 'auth' ? { Ref: 'HttpApi' } : fakeOutput('auth', 'HttpApiId');

    expect(routes.map(([, properties]) => properties.RouteKey).sort()).toEqual(
      [...(httpRoutes[key] ?? [])].sort(),
    );
    for (const [, properties] of routes) expect(properties.ApiId).toEqual(expectedApiId);
    expect(template().Resources.HttpApi === undefined).toBe(key !== 'auth');
  });

  it('has the expected WebSocket routes, on its own WebSocket API', () => {
    const apis = resourcesOfType(template(), 'AWS::ApiGatewayV2::Api').filter(
      ([, p]) => p.ProtocolType === 'WEBSOCKET',
    );
    const routes = resourcesOfType(template(), 'AWS::ApiGatewayV2::Route').filter(
      ([, properties]) => JSON.stringify(properties.ApiId) === JSON.stringify({ Ref: 'WebsocketsApi' }),
    );

    expect(routes.map(([, properties]) => properties.RouteKey).sort()).toEqual(
      [...(webSocketRoutes[key] ?? [])].sort(),
    );
    expect(apis.length).toBe(webSocketRoutes[key] ? 1 : 0);
    for (const [, properties] of apis)
      expect(properties.RouteSelectionExpression).toBe('$request.body.action');
  });

  it('declares the outputs other services are wired to', () => {
    expect(Object.keys(template().Outputs)).toEqual(expect.arrayContaining(requiredOutputs[key] ?? []));
  });

  it('ships bundles with source maps and without the AWS SDK', () => {
    const { zips } = packagedService(key);

    expect([...zips.keys()].sort()).toEqual(
      Object.keys(functionActions[key] ?? {})
        .map((f) => `${f}.zip`)
        .sort(),
    );
    for (const zipFile of zips.values()) {
      const files = readZip(zipFile);
      const names = [...files.keys()];
      expect(names.filter((name) => name.includes('node_modules') || name.includes('@aws-sdk'))).toEqual([]);
      expect(names.some((name) => name.endsWith('.js.map'))).toBe(true);
      for (const [name, content] of files) {
        if (!name.endsWith('.js')) continue;
        const code = content.toString('utf8');
        expect(code).not.toMatch(/^\/\/ .*node_modules\/(@aws-sdk|@smithy)\//m);
      }
    }
  });
});

describe('the realtime service package', () => {
  const template = () => packagedService('realtime').template;

  it('creates the connections table keyed by connectionId with a userId index, TTL and a stream', () => {
    expect(template().Resources.ConnectionsTable?.Properties).toEqual({
      TableName: 'chat-realtime-ci-connections',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'connectionId', AttributeType: 'S' },
        { AttributeName: 'userId', AttributeType: 'S' },
      ],
      KeySchema: [{ AttributeName: 'connectionId', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byUserId',
          KeySchema: [{ AttributeName: 'userId', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it('lets ping and $default post only to connections of its own API and stage', () => {
    for (const functionKey of ['ping', 'defaultRoute']) {
      const statement = roleStatements(template(), roleLogicalId(functionKey)).find((s) =>
        s.Action.includes('execute-api:ManageConnections'),
      );

      expect(statement?.Resource).toEqual([
        {
          'Fn::Sub':
            'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${WebsocketsApi}/ci/POST/@connections/*',
        },
      ]);
    }
  });

  it('tells the posting functions the management endpoint of its own API', () => {
    const env = template().Resources[lambdaLogicalId('ping')]?.Properties.Environment as {
      Variables: Record<string, unknown>;
    };

    expect(env.Variables.WEBSOCKET_MANAGEMENT_ENDPOINT).toEqual({
      'Fn::Join': [
        '',
        ['https://', { Ref: 'WebsocketsApi' }, '.execute-api.', { Ref: 'AWS::Region' }, '.amazonaws.com/ci'],
      ],
    });
  });

  it('bundles the API Gateway management client as an external require', () => {
    const files = readZip(packagedService('realtime').zips.get('ping.zip') ?? '');

    expect(files.get('src/handlers/ping.js')?.toString('utf8')).toContain(
      'require("@aws-sdk/client-apigatewaymanagementapi")',
    );
  });
});

describe('the auth service package', () => {
  const template = () => packagedService('auth').template;

  it('creates the event bus chat-<stage>', () => {
    expect(template().Resources.EventBus).toEqual({
      Type: 'AWS::Events::EventBus',
      Properties: { Name: 'chat-ci' },
    });
  });

  it('creates a user pool with username sign-in, required e-mail and the password policy', () => {
    expect(template().Resources.UserPool?.Properties).toMatchObject({
      UsernameConfiguration: { CaseSensitive: false },
      Schema: [{ Name: 'email', Required: true }],
      Policies: {
        PasswordPolicy: {
          MinimumLength: 8,
          RequireUppercase: true,
          RequireLowercase: true,
          RequireNumbers: true,
        },
      },
    });
  });

  it('creates a public app client with password and refresh flows and revocable tokens', () => {
    expect(template().Resources.UserPoolClient?.Properties).toMatchObject({
      UserPoolId: { Ref: 'UserPool' },
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      EnableTokenRevocation: true,
    });
  });

  it('has no authorizer on its HTTP API (handlers verify tokens themselves)', () => {
    expect(resourcesOfType(template(), 'AWS::ApiGatewayV2::Authorizer')).toEqual([]);
  });
});
