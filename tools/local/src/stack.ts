import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { SNSClient } from '@aws-sdk/client-sns';
import { startEventBridge } from './cloud/eventbridge';
import { startHttpApi } from './cloud/http-api';
import { deliveriesResponse, startSns } from './cloud/sns';
import type { RunningSns } from './cloud/sns/types';
import type { Invoke, RunningServer } from './cloud/types';
import { routeSelectionExpressionOf, startWebSocketApi } from './cloud/websocket-api';
import { type LocalConfig, portsByVariable } from './config';
import {
  createTables,
  startStreamMapping,
  startTtlSweeper,
  startWriteSignalProxy,
  type StreamMapping,
  superviseDynamoDbLocal,
  type SupervisedDynamoDbLocal,
  type TableInfo,
} from './dynamodb';
import { ensureUserPool, startCognitoLocal, startS3, type RunningCognitoLocal } from './emulators';
import { buildBundles } from './functions/bundles';
import { FunctionRuntime } from './functions/function-runtime';
import { functionOutput } from './observability/log-output';
import { LocalMetrics, METRICS_PATH } from './observability/metrics';
import { stackCpuReader } from './observability/cpu';
import { LocalUsage, USAGE_PATH, type StackCpu } from './observability/usage';
import { assertPortsFree, LOOPBACK_HOST } from './ports';
import { createPlatformApplications, referencedPlatformApplications } from './sns-platform-applications';
import { loadComposition } from './services/load-compose';
import type { CorsConfiguration, LoadedService } from './services/model';
import { buildWebApp, startWebServer } from './web';

export interface LocalEndpoints {
  /** The web chat app. */
  web: string;
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
const TTL_SWEEP_INTERVAL_MS = 5_000;
/** A stream mapping's poll of a shard after a long time without writes to its table. */
const IDLE_STREAM_POLL_MS = 10_000;
/** How often a stream mapping lists its shards besides when one ends. */
const SHARD_REFRESH_MS = 30_000;
/** What the SDK puts in a function's user agent (AWS_EXECUTION_ENV): only the functions' calls are usage. */
const FUNCTION_USER_AGENT = 'exec-env/AWS_Lambda';

/** What the stack started, stopped in reverse order (the APIs first, the emulators last). */
class Stops {
  private readonly started: Array<{ name: string; stop: () => Promise<void> }> = [];

  constructor(private readonly log: Log) {}

  add(name: string, stop: () => Promise<void>): void {
    this.started.push({ name, stop });
  }

  async stopAll(): Promise<void> {
    for (const { name, stop } of this.started.reverse()) {
      await stop().catch((error: Error) => this.log(`stopping ${name} failed: ${error.message}`));
    }
    this.started.length = 0;
  }
}

/** What every step gets. */
interface Start {
  config: LocalConfig;
  log: Log;
  stops: Stops;
}

interface Emulators {
  dynamodb: SupervisedDynamoDbLocal;
  cognito: RunningCognitoLocal;
  pool: { userPoolId: string; clientId: string };
}

/** Where the APIs listen: known before they start, since the services' outputs name them. */
interface ApiUrls {
  web: string;
  http: string;
  webSocket: string;
  webSocketManagement: string;
  eventBridge: string;
}

async function timed<T>(log: Log, what: string, start: () => Promise<T>): Promise<T> {
  const began = Date.now();
  log(`starting ${what} …`);
  const result = await start();
  log(`${what} is up (${((Date.now() - began) / 1000).toFixed(1)} s)`);
  return result;
}

function apiUrls({ ports, stage }: LocalConfig): ApiUrls {
  return {
    web: `http://${LOOPBACK_HOST}:${ports.web}`,
    http: `http://${LOOPBACK_HOST}:${ports.http}`,
    webSocket: `ws://${LOOPBACK_HOST}:${ports.webSocket}`,
    webSocketManagement: `http://${LOOPBACK_HOST}:${ports.webSocket}/${stage}`,
    eventBridge: `http://${LOOPBACK_HOST}:${ports.eventBridge}`,
  };
}

/** `--fresh` empties the data folder; either way it exists afterwards. */
async function prepareDataFolder({ config, log }: Start): Promise<void> {
  if (config.fresh) {
    log(`--fresh: removing ${config.dataDir}`);
    await rm(config.dataDir, { recursive: true, force: true });
  }
  await mkdir(config.dataDir, { recursive: true });
}

/** DynamoDB Local and cognito-local side by side, then the user pool and its app client. */
async function startEmulators({ config, log, stops }: Start): Promise<Emulators> {
  const { ports, region, accountId, stage, dataDir } = config;
  const [dynamodb, cognito] = await Promise.all([
    // On an internal port: CHAT_DYNAMODB_PORT is the write-signal proxy in front of it (startWriteSignals).
    timed(log, `DynamoDB Local (behind ${LOOPBACK_HOST}:${ports.dynamodb})`, () =>
      superviseDynamoDbLocal({
        port: 0,
        dataDir: path.join(dataDir, 'dynamodb'),
        cacheDir: config.cacheDir,
        say: log,
      }),
    ),
    timed(log, `cognito-local on ${LOOPBACK_HOST}:${ports.cognito}`, () =>
      startCognitoLocal({ port: ports.cognito, dataDir: path.join(dataDir, 'cognito'), region, accountId }),
    ),
  ]);
  stops.add('DynamoDB Local', () => dynamodb.close());
  stops.add('cognito-local', () => cognito.close());
  const pool = await ensureUserPool({
    endpoint: cognito.url,
    region,
    poolName: `chat-${stage}-users`,
    clientName: `chat-${stage}-clients`,
  });
  return { dynamodb, cognito, pool };
}

/** serverless-compose.yml and each service's serverless.ts, with what the local stack provides filled in. */
function loadServices({ config, log }: Start, { cognito, pool }: Emulators, urls: ApiUrls): LoadedService[] {
  const { region, accountId, stage } = config;
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
      HttpApiUrl: urls.http,
      ServiceEndpointWebsocket: urls.webSocket,
    },
  });
  log(`loaded ${services.length} services: ${services.map((s) => s.serviceName).join(', ')}`);
  return services;
}

/** s3rver with the services' buckets. */
async function startBuckets(
  { config, log, stops }: Start,
  services: LoadedService[],
): Promise<RunningServer> {
  const s3 = await timed(log, `s3rver on ${LOOPBACK_HOST}:${config.ports.s3}`, () =>
    startS3({
      port: config.ports.s3,
      dataDir: path.join(config.dataDir, 's3'),
      buckets: services.flatMap((s) => s.buckets),
      accessKeyIds: [CREDENTIALS.accessKeyId],
    }),
  );
  stops.add('s3rver', () => s3.close());
  return s3;
}

/** The local SNS, with the platform applications the functions' environments reference. */
async function startSnsEndpoint(
  { config, stops }: Start,
  services: LoadedService[],
  usage: LocalUsage,
): Promise<RunningSns> {
  const { region, accountId } = config;
  const sns = await startSns({
    port: config.ports.sns,
    region,
    accountId,
    onPublish: (messages) => usage.snsPublishes(messages),
  });
  stops.add('SNS', () => sns.close());
  const client = new SNSClient({ region, endpoint: sns.url, credentials: CREDENTIALS });
  try {
    await createPlatformApplications(
      client,
      referencedPlatformApplications(services.flatMap((s) => s.functions)),
    );
  } finally {
    client.destroy();
  }
  return sns;
}

/** The services' tables, created from the same properties CloudFormation deploys. */
async function createServiceTables(
  { log }: Start,
  client: DynamoDBClient,
  services: LoadedService[],
): Promise<TableInfo[]> {
  const tables = await createTables({ client, tables: services.flatMap((s) => s.tables) });
  log(`${tables.length} tables ready`);
  return tables;
}

/** Every function's deploy bundle, built with the deploy's esbuild settings (or reused while nothing changed). */
async function bundleFunctions(
  { config, log }: Start,
  services: LoadedService[],
): Promise<Record<string, string>> {
  const began = Date.now();
  const functions = services.flatMap((s) => s.functions);
  const { files, built } = await buildBundles({
    entries: Object.fromEntries(functions.map((fn) => [fn.qualifiedName, fn.handlerFile])),
    cacheDir: path.join(config.cacheDir, 'functions'),
    root: config.root,
  });
  const seconds = ((Date.now() - began) / 1000).toFixed(1);
  log(`${functions.length} function bundles ${built ? 'built' : 'unchanged, reused'} (${seconds} s)`);
  return files;
}

/** The functions, in worker-thread sandboxes running their bundles, SDK clients pointed at the local endpoints. */
function startFunctions(
  { config, log, stops }: Start,
  services: LoadedService[],
  endpoints: { dynamodb: string; sns: string; s3: string; cognito: string; eventBridge: string },
  bundles: Record<string, string>,
  { metrics, usage }: { metrics: LocalMetrics; usage: LocalUsage },
): FunctionRuntime {
  const { region, accountId, ports } = config;
  const runtime = new FunctionRuntime({
    functions: services.flatMap((s) => s.functions),
    bundles,
    region,
    accountId,
    baseEnvironment: {
      AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
      AWS_ENDPOINT_URL_SNS: endpoints.sns,
      AWS_ENDPOINT_URL_S3: endpoints.s3,
      AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: endpoints.cognito,
      AWS_ENDPOINT_URL_EVENTBRIDGE: endpoints.eventBridge,
      AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
      AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    rewriteUrls: {
      [`https://${LOCAL_WS_API_ID}.execute-api.${region}.amazonaws.com`]: `http://${LOOPBACK_HOST}:${ports.webSocket}`,
    },
    log,
    output: functionOutput({
      format: config.logFormat,
      metrics,
      printMetrics: config.printMetrics,
      write: (text) => process.stdout.write(text),
    }),
    // Every invocation (HTTP, WebSocket, event, stream) is counted here, with its wait for a sandbox.
    onInvoked: (name, outcome) => usage.invocation(name, outcome),
    onSandboxReady: (name, cpuMs) => usage.sandboxReady(name, cpuMs),
  });
  stops.add('functions', () => runtime.close());
  return runtime;
}

/** The local EventBridge with the services' rules, delivering to their functions. */
async function startEventBus(
  { config, log, stops }: Start,
  services: LoadedService[],
  runtime: FunctionRuntime,
  usage: LocalUsage,
) {
  const { region, accountId } = config;
  const eventBridge = await startEventBridge({
    port: config.ports.eventBridge,
    region,
    accountId,
    rules: services.flatMap((s) => s.rules),
    invoke: runtime.invoke,
    minimumRetryDelayMs: runtime.retryDelayAfter,
    journalFile: path.join(config.dataDir, 'eventbridge-deliveries.jsonl'),
    redeliveryDelayMs: runtime.timeoutMsOf,
    onPutEvents: (entries) => usage.putEvents(entries),
    log,
  });
  stops.add('EventBridge', () => eventBridge.close());
  return eventBridge;
}

/** One poller per stream subscription, checkpointed under the data folder. */
async function startStreamMappings(
  { config, log, stops }: Start,
  services: LoadedService[],
  tables: TableInfo[],
  dynamodbUrl: string,
  invoke: Invoke,
  byTable: Map<string, StreamMapping[]>,
): Promise<void> {
  const streamsClient = new DynamoDBStreamsClient({
    region: config.region,
    endpoint: dynamodbUrl,
    credentials: CREDENTIALS,
  });
  const checkpoints = path.join(config.dataDir, 'streams');
  await mkdir(checkpoints, { recursive: true });
  for (const subscription of services.flatMap((s) => s.streams)) {
    const table = tables.find((t) => t.tableName === subscription.tableName);
    if (!table?.streamArn)
      throw new Error(`${subscription.functionName}: table ${subscription.tableName} has no stream`);
    const mapping = await startStreamMapping({
      streamsClient,
      streamArn: table.streamArn,
      functionName: subscription.functionName,
      invoke,
      batchSize: subscription.batchSize,
      maximumBatchingWindowMs: subscription.maximumBatchingWindowMs,
      maximumRetryAttempts: subscription.maximumRetryAttempts,
      bisectBatchOnFunctionError: subscription.bisectBatchOnFunctionError,
      reportBatchItemFailures: subscription.reportBatchItemFailures,
      startingPosition: subscription.startingPosition,
      filterPatterns: subscription.filterPatterns,
      checkpointFile: path.join(checkpoints, `${subscription.tableName}--${subscription.functionName}.json`),
      // Every item write reaches DynamoDB Local through the write-signal proxy, which wakes the table's mappings:
      // the idle polls and the periodic shard refresh are only a safety net, so they can be rare.
      idlePollIntervalMs: IDLE_STREAM_POLL_MS,
      shardRefreshIntervalMs: SHARD_REFRESH_MS,
      onError: log,
    });
    stops.add(`stream mapping ${subscription.functionName}`, () => mapping.stop());
    byTable.set(subscription.tableName, [...(byTable.get(subscription.tableName) ?? []), mapping]);
  }
}

/** The write-signal proxy: its URL, and who hears of the tables each write touched. */
interface WriteSignals {
  url: string;
  /** The stream mappings of each table, woken by a write to it. */
  mappings: Map<string, StreamMapping[]>;
  /** Others told of every write (the TTL sweeper). */
  listeners: Set<(tables: readonly string[] | 'all') => void>;
}

/**
 * Everyone's way to DynamoDB Local (the functions, the TTL sweeper, and every tool or test given the stack's
 * DynamoDB endpoint, on CHAT_DYNAMODB_PORT; DynamoDB Local itself listens on an internal port): a pass-through
 * that wakes the stream mappings of the tables each write touched, so that they can rest while nothing is
 * written (see write-signal-proxy.ts). Only the stream mappings and the table set-up talk to DynamoDB Local
 * directly; they do not write items.
 */
async function startWriteSignals(
  { config, stops }: Start,
  dynamodbUrl: string,
  usage: LocalUsage,
): Promise<WriteSignals> {
  const mappings = new Map<string, StreamMapping[]>();
  const listeners = new Set<(tables: readonly string[] | 'all') => void>();
  const proxy = await startWriteSignalProxy({
    target: dynamodbUrl,
    port: config.ports.dynamodb,
    onWrite: (tables) => {
      const woken =
        tables === 'all' ? [...mappings.values()].flat() : tables.flatMap((t) => mappings.get(t) ?? []);
      for (const mapping of woken) mapping.wake();
      for (const listener of listeners) listener(tables);
    },
    // Tools, tests and the TTL sweeper use this endpoint too; DynamoDB's own TTL is free, the rest is not the app's.
    onCall: (call, userAgent) => {
      if (userAgent.includes(FUNCTION_USER_AGENT)) usage.dynamoDbCall(call);
    },
  });
  stops.add('DynamoDB write-signal proxy', () => proxy.close());
  return { url: proxy.url, mappings, listeners };
}

/**
 * Prompt TTL expiry for the tables that have a TTL attribute. Its deletes go through the write-signal proxy
 * (`endpoint`), so the tables' stream mappings read the REMOVE records at once.
 */
function startTtlSweeps({ config, stops }: Start, writeSignals: WriteSignals, tables: TableInfo[]): void {
  const client = new DynamoDBClient({
    region: config.region,
    endpoint: writeSignals.url,
    credentials: CREDENTIALS,
  });
  const ttlTables = tables.flatMap((t) =>
    t.ttlAttribute ? [{ tableName: t.tableName, attribute: t.ttlAttribute }] : [],
  );
  const sweeper = startTtlSweeper({ client, tables: ttlTables, intervalMs: TTL_SWEEP_INTERVAL_MS });
  // A table nobody writes is swept only when its earliest TTL comes: an idle stack scans nothing.
  writeSignals.listeners.add((written) => sweeper.touched(written));
  stops.add('TTL sweeper', async () => {
    await sweeper.stop();
    client.destroy();
  });
}

/** The WebSocket API with the services' routes, selected by their serverless.ts expression. */
async function startWebSocket(
  { config, log, stops }: Start,
  services: LoadedService[],
  invoke: Invoke,
  usage: LocalUsage,
) {
  const webSocket = await startWebSocketApi({
    port: config.ports.webSocket,
    stage: config.stage,
    apiId: LOCAL_WS_API_ID,
    region: config.region,
    accountId: config.accountId,
    routes: services.flatMap((s) => s.webSocketRoutes),
    routeSelectionExpression: routeSelectionExpressionOf(services),
    invoke,
    journalFile: path.join(config.dataDir, 'websocket-connections.json'),
    onTraffic: (kind) => {
      if (kind === 'connect') usage.webSocketConnect();
      else if (kind === 'client-message') usage.webSocketClientMessage();
      else usage.connectionPost();
    },
    log,
  });
  stops.add('WebSocket API', () => webSocket.close());
}

/** The HTTP API's CORS configuration: the one service that configures it (auth, which creates the API). */
function corsOfApi(services: LoadedService[]): { cors?: CorsConfiguration } {
  const configured = services.flatMap((s) => (s.httpApiCors ? [s.httpApiCors] : []));
  if (configured.length > 1) throw new Error('more than one service configures the HTTP API’s CORS');
  return configured[0] ? { cors: configured[0] } : {};
}

/**
 * The HTTP API with the services' routes, plus the local `GET /_local/sns/deliveries`, `GET /_local/metrics` and
 * `GET /_local/usage`.
 */
async function startHttp(
  { config, log, stops }: Start,
  services: LoadedService[],
  invoke: Invoke,
  sns: RunningSns,
  { metrics, usage }: { metrics: LocalMetrics; usage: LocalUsage },
) {
  const http = await startHttpApi({
    port: config.ports.http,
    apiId: LOCAL_HTTP_API_ID,
    region: config.region,
    accountId: config.accountId,
    routes: services.flatMap((s) => s.httpRoutes),
    invoke,
    ...corsOfApi(services),
    localRoutes: [
      {
        method: 'GET',
        path: '/_local/sns/deliveries',
        handle: async ({ query }) => ({ statusCode: 200, body: deliveriesResponse(sns, query) }),
      },
      {
        method: 'GET',
        path: METRICS_PATH,
        handle: async () => ({ statusCode: 200, body: metrics.summary() }),
      },
      {
        method: 'GET',
        path: USAGE_PATH,
        handle: async () => ({ statusCode: 200, body: usage.snapshot() }),
      },
    ],
    log,
  });
  stops.add('HTTP API', () => http.close());
}

/**
 * The web app, built when its sources changed (else the cached build), served with `/config.json` naming the
 * stack's APIs. The HTTP API's CORS follows the same CHAT_WEB_PORT (libs/serverless-config's `webOrigins`).
 */
async function startWebApp({ config, log, stops }: Start, urls: ApiUrls, s3Url: string): Promise<void> {
  const began = Date.now();
  const web = await buildWebApp(config.cacheDir);
  if (web.built) log(`web app built (${web.hash}) in ${((Date.now() - began) / 1000).toFixed(1)} s`);
  const server = await startWebServer({
    port: config.ports.web,
    dir: web.dir,
    config: { httpUrl: urls.http, wsUrl: urls.webSocket },
    s3Url,
  });
  stops.add('web app', () => server.close());
}

/** The usage counters (observability/usage.ts), knowing each function's memory and which serve HTTP routes. */
function usageOf(services: LoadedService[], sandboxes: () => number, cpu: () => StackCpu): LocalUsage {
  const memory = new Map(services.flatMap((s) => s.functions).map((fn) => [fn.qualifiedName, fn.memorySize]));
  const httpFunctions = new Set(services.flatMap((s) => s.httpRoutes).map((route) => route.functionName));
  return new LocalUsage(
    (name) => memory.get(name) ?? 1024,
    (name) => httpFunctions.has(name),
    sandboxes,
    cpu,
  );
}

/** Every endpoint of the running stack. */
function endpointsOf(
  config: LocalConfig,
  urls: ApiUrls,
  { cognito, pool }: Emulators,
  { s3, sns, dynamodb }: { s3: RunningServer; sns: RunningSns; dynamodb: string },
): LocalEndpoints {
  return {
    ...urls,
    dynamodb,
    cognito: cognito.url,
    s3: s3.url,
    sns: sns.url,
    region: config.region,
    userPoolId: pool.userPoolId,
    userPoolClientId: pool.clientId,
    dataDir: config.dataDir,
  };
}

/** Writes `<data folder>/endpoints.json` (for tools that attach to a running stack): the stack is up. */
async function ready({ config, stops }: Start, endpoints: LocalEndpoints, services: LoadedService[]) {
  await writeFile(path.join(config.dataDir, 'endpoints.json'), JSON.stringify(endpoints, null, 2));
  return { endpoints, services, stop: () => stops.stopAll() };
}

/**
 * The local stack: the emulators, then the services loaded from serverless-compose.yml and their
 * serverless.ts, their tables, functions, event rules, stream mappings and APIs. Everything binds to 127.0.0.1.
 * A failing step stops what the steps before it started.
 */
export async function startLocalStack(config: LocalConfig, log: Log): Promise<LocalStack> {
  const start: Start = { config, log, stops: new Stops(log) };
  const urls = apiUrls(config);
  try {
    await prepareDataFolder(start);
    await assertPortsFree(portsByVariable(config.ports));
    const emulators = await startEmulators(start);
    const { dynamodb } = emulators;
    const services = loadServices(start, emulators, urls);

    // The runtime reports to the counters, which ask it for its sandboxes: it is known once started.
    const started: { runtime?: FunctionRuntime } = {};
    const usage = usageOf(
      services,
      () => started.runtime?.sandboxCount() ?? 0,
      stackCpuReader(() => dynamodb.pid),
    );
    const dynamoClient = new DynamoDBClient({
      region: config.region,
      endpoint: dynamodb.url,
      credentials: CREDENTIALS,
    });
    const [s3, sns, tables, bundles] = await Promise.all([
      startBuckets(start, services),
      startSnsEndpoint(start, services, usage),
      createServiceTables(start, dynamoClient, services),
      bundleFunctions(start, services),
    ]);
    const writeSignals = await startWriteSignals(start, dynamodb.url, usage);
    const endpoints = endpointsOf(config, urls, emulators, { s3, sns, dynamodb: writeSignals.url });

    const metrics = new LocalMetrics();
    const runtime = startFunctions(start, services, endpoints, bundles, { metrics, usage });
    started.runtime = runtime;
    const { invoke } = runtime;
    await startEventBus(start, services, runtime, usage);
    await startStreamMappings(start, services, tables, dynamodb.url, invoke, writeSignals.mappings);
    startTtlSweeps(start, writeSignals, tables);
    await startWebSocket(start, services, invoke, usage);
    await startHttp(start, services, invoke, sns, { metrics, usage });
    await startWebApp(start, urls, s3.url);

    return await ready(start, endpoints, services);
  } catch (error) {
    await start.stops.stopAll();
    throw error;
  }
}
