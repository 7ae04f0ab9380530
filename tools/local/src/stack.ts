import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { SNSClient } from '@aws-sdk/client-sns';
import { startEventBridge } from './cloud/eventbridge';
import { startHttpApi } from './cloud/http-api';
import { deliveriesResponse, startSns } from './cloud/sns';
import { startWebSocketApi } from './cloud/websocket-api';
import type { LocalConfig } from './config';
import { createTables, startDynamoDbLocal, startStreamMapping, startTtlSweeper } from './dynamodb';
import { ensureUserPool, startCognitoLocal, startS3 } from './emulators';
import { FunctionRuntime } from './functions/function-runtime';
import { assertPortsFree } from './ports';
import { createPlatformApplications, referencedPlatformApplications } from './sns-platform-applications';
import { loadComposition } from './services/load-compose';
import type { LoadedService } from './services/model';

export interface LocalEndpoints {
  http: string;
  webSocket: string;
  webSocketManagement: string;
  dynamodb: string;
  cognito: string;
  s3: string;
  eventBridge: string;
  sns: string;
  region: string;
  userPoolId: string;
  userPoolClientId: string;
  dataDir: string;
}

export interface LocalStack {
  endpoints: LocalEndpoints;
  services: LoadedService[];
  stop(): Promise<void>;
}

type Log = (line: string) => void;

const LOCAL_HTTP_API_ID = 'localhttp';
const LOCAL_WS_API_ID = 'localws';
const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

async function timed<T>(log: Log, what: string, start: () => Promise<T>): Promise<T> {
  const began = Date.now();
  log(`starting ${what} …`);
  const result = await start();
  log(`${what} is up (${((Date.now() - began) / 1000).toFixed(1)} s)`);
  return result;
}

/**
 * The local stack: the emulators, then the services loaded from serverless-compose.yml and their
 * serverless.ts, their tables, functions, stream mappings, event rules and APIs. Everything binds to 127.0.0.1.
 */
export async function startLocalStack(config: LocalConfig, log: Log): Promise<LocalStack> {
  const stops: Array<{ name: string; stop: () => Promise<void> }> = [];
  const stopAll = async () => {
    for (const { name, stop } of stops.reverse()) {
      await stop().catch((error: Error) => log(`stopping ${name} failed: ${error.message}`));
    }
    stops.length = 0;
  };
  const { ports, region, accountId, stage } = config;
  const host = '127.0.0.1';

  try {
    if (config.fresh) {
      log(`--fresh: removing ${config.dataDir}`);
      await rm(config.dataDir, { recursive: true, force: true });
    }
    await mkdir(config.dataDir, { recursive: true });
    await assertPortsFree({
      CHAT_HTTP_PORT: ports.http,
      CHAT_WS_PORT: ports.webSocket,
      CHAT_DYNAMODB_PORT: ports.dynamodb,
      CHAT_COGNITO_PORT: ports.cognito,
      CHAT_S3_PORT: ports.s3,
      CHAT_EVENTBRIDGE_PORT: ports.eventBridge,
      CHAT_SNS_PORT: ports.sns,
    });

    const [dynamodb, cognito] = await Promise.all([
      timed(log, `DynamoDB Local on ${host}:${ports.dynamodb}`, () =>
        startDynamoDbLocal({
          port: ports.dynamodb,
          dataDir: path.join(config.dataDir, 'dynamodb'),
          cacheDir: config.cacheDir,
        }),
      ),
      timed(log, `cognito-local on ${host}:${ports.cognito}`, () =>
        startCognitoLocal({
          port: ports.cognito,
          dataDir: path.join(config.dataDir, 'cognito'),
          region,
          accountId,
        }),
      ),
    ]);
    stops.push({ name: 'DynamoDB Local', stop: () => dynamodb.close() });
    stops.push({ name: 'cognito-local', stop: () => cognito.close() });

    const pool = await ensureUserPool({
      endpoint: cognito.url,
      region,
      poolName: `chat-${stage}-users`,
      clientName: `chat-${stage}-clients`,
    });

    const httpUrl = `http://${host}:${ports.http}`;
    const webSocketUrl = `ws://${host}:${ports.webSocket}`;
    const managementUrl = `http://${host}:${ports.webSocket}/${stage}`;
    const services = loadComposition(config.root, {
      stage,
      region,
      accountId,
      typeOverrides: {
        'AWS::Cognito::UserPool': {
          Ref: pool.userPoolId,
          Arn: `arn:aws:cognito-idp:${region}:${accountId}:userpool/${pool.userPoolId}`,
          ProviderName: `${cognito.url.replace(/^https?:\/\//, '')}/${pool.userPoolId}`,
          ProviderURL: `${cognito.url}/${pool.userPoolId}`,
        },
        'AWS::Cognito::UserPoolClient': { Ref: pool.clientId },
      },
      generatedResources: { HttpApi: { Ref: LOCAL_HTTP_API_ID }, WebsocketsApi: { Ref: LOCAL_WS_API_ID } },
      generatedOutputs: {
        HttpApiId: LOCAL_HTTP_API_ID,
        HttpApiUrl: httpUrl,
        ServiceEndpointWebsocket: webSocketUrl,
      },
    });
    log(`loaded ${services.length} services: ${services.map((s) => s.serviceName).join(', ')}`);

    const dynamoClient = new DynamoDBClient({ region, endpoint: dynamodb.url, credentials: CREDENTIALS });
    const [s3, sns, tables] = await Promise.all([
      timed(log, `s3rver on ${host}:${ports.s3}`, () =>
        startS3({
          port: ports.s3,
          dataDir: path.join(config.dataDir, 's3'),
          buckets: services.flatMap((s) => s.buckets),
          accessKeyIds: [CREDENTIALS.accessKeyId],
        }),
      ),
      startSns({ port: ports.sns, region, accountId }),
      createTables({ client: dynamoClient, tables: services.flatMap((s) => s.tables) }),
    ]);
    stops.push({ name: 's3rver', stop: () => s3.close() });
    stops.push({ name: 'SNS', stop: () => sns.close() });
    log(`${tables.length} tables ready`);
    const platformApplications = referencedPlatformApplications(services.flatMap((s) => s.functions));
    const snsClient = new SNSClient({ region, endpoint: sns.url, credentials: CREDENTIALS });
    await createPlatformApplications(snsClient, platformApplications);
    snsClient.destroy();

    const runtime = new FunctionRuntime({
      functions: services.flatMap((s) => s.functions),
      region,
      accountId,
      baseEnvironment: {
        AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
        AWS_ENDPOINT_URL_DYNAMODB: dynamodb.url,
        AWS_ENDPOINT_URL_SNS: sns.url,
        AWS_ENDPOINT_URL_S3: s3.url,
        AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: cognito.url,
        AWS_ENDPOINT_URL_EVENTBRIDGE: `http://${host}:${ports.eventBridge}`,
        AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
        AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
      rewriteUrls: {
        [`https://${LOCAL_WS_API_ID}.execute-api.${region}.amazonaws.com`]: `http://${host}:${ports.webSocket}`,
      },
      log,
    });
    stops.push({ name: 'functions', stop: () => runtime.close() });

    const eventBridge = await startEventBridge({
      port: ports.eventBridge,
      region,
      accountId,
      rules: services.flatMap((s) => s.rules),
      invoke: runtime.invoke,
      log,
    });
    stops.push({ name: 'EventBridge', stop: () => eventBridge.close() });

    const streamsClient = new DynamoDBStreamsClient({
      region,
      endpoint: dynamodb.url,
      credentials: CREDENTIALS,
    });
    await mkdir(path.join(config.dataDir, 'streams'), { recursive: true });
    for (const subscription of services.flatMap((s) => s.streams)) {
      const table = tables.find((t) => t.tableName === subscription.tableName);
      if (!table?.streamArn)
        throw new Error(`${subscription.functionName}: table ${subscription.tableName} has no stream`);
      const mapping = await startStreamMapping({
        streamsClient,
        streamArn: table.streamArn,
        functionName: subscription.functionName,
        invoke: runtime.invoke,
        batchSize: subscription.batchSize,
        maximumBatchingWindowMs: subscription.maximumBatchingWindowMs,
        maximumRetryAttempts: subscription.maximumRetryAttempts,
        bisectBatchOnFunctionError: subscription.bisectBatchOnFunctionError,
        reportBatchItemFailures: subscription.reportBatchItemFailures,
        startingPosition: subscription.startingPosition,
        checkpointFile: path.join(
          config.dataDir,
          'streams',
          `${subscription.tableName}--${subscription.functionName}.json`,
        ),
        onError: log,
      });
      stops.push({ name: `stream mapping ${subscription.functionName}`, stop: () => mapping.stop() });
    }

    const ttlTables = tables.flatMap((t) =>
      t.ttlAttribute ? [{ tableName: t.tableName, attribute: t.ttlAttribute }] : [],
    );
    const sweeper = startTtlSweeper({ client: dynamoClient, tables: ttlTables, intervalMs: 5_000 });
    stops.push({ name: 'TTL sweeper', stop: () => sweeper.stop() });

    const webSocket = await startWebSocketApi({
      port: ports.webSocket,
      stage,
      apiId: LOCAL_WS_API_ID,
      region,
      accountId,
      routes: services.flatMap((s) => s.webSocketRoutes),
      invoke: runtime.invoke,
      log,
    });
    stops.push({ name: 'WebSocket API', stop: () => webSocket.close() });

    const http = await startHttpApi({
      port: ports.http,
      apiId: LOCAL_HTTP_API_ID,
      region,
      accountId,
      routes: services.flatMap((s) => s.httpRoutes),
      invoke: runtime.invoke,
      cors: true,
      localRoutes: [
        {
          method: 'GET',
          path: '/_local/sns/deliveries',
          handle: async ({ query }) => ({ statusCode: 200, body: deliveriesResponse(sns, query) }),
        },
      ],
      log,
    });
    stops.push({ name: 'HTTP API', stop: () => http.close() });

    const endpoints: LocalEndpoints = {
      http: httpUrl,
      webSocket: webSocketUrl,
      webSocketManagement: managementUrl,
      dynamodb: dynamodb.url,
      cognito: cognito.url,
      s3: s3.url,
      eventBridge: eventBridge.url,
      sns: sns.url,
      region,
      userPoolId: pool.userPoolId,
      userPoolClientId: pool.clientId,
      dataDir: config.dataDir,
    };
    await writeFile(path.join(config.dataDir, 'endpoints.json'), JSON.stringify(endpoints, null, 2));
    return { endpoints, services, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
