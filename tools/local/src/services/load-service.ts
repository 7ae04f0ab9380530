import { existsSync } from 'node:fs';
import path from 'node:path';
import { resolveIntrinsics, type CfnResource, type IntrinsicContext } from './intrinsics';
import type {
  CorsConfiguration,
  EventRuleDefinition,
  FunctionDefinition,
  HttpRouteDefinition,
  LoadedService,
  StreamSubscription,
  TableDefinition,
  WebSocketRouteDefinition,
} from './model';
import { VariableResolver } from './variables';

export interface LoadOptions {
  stage: string;
  region: string;
  accountId: string;
  params: Record<string, string>;
  env?: Record<string, string | undefined>;
  /** Values of resources the local stack provides, by resource type (e.g. the user pool id of cognito-local). */
  typeOverrides?: Record<string, Record<string, string>>;
  /** Values of the resources the framework generates (HttpApi, WebsocketsApi), by logical id. */
  generatedResources?: Record<string, Record<string, string>>;
  /** Outputs the framework adds by itself (HttpApiId, HttpApiUrl, ServiceEndpointWebsocket). */
  generatedOutputs?: Record<string, string>;
}

type Dict = Record<string, unknown>;

function asDict(value: unknown): Dict {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Dict) : {};
}

/** Loads `<dir>/serverless.ts` (default export or module.exports) as a plain object. */
export function readServerlessConfig(dir: string): Dict {
  const file = path.join(dir, 'serverless.ts');
  if (!existsSync(file)) throw new Error(`No serverless.ts in ${dir}`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(file) as Dict;
  return asDict(loaded.default ?? loaded);
}

function handlerLocation(dir: string, handler: string): { handlerFile: string; exportName: string } {
  const dot = handler.lastIndexOf('.');
  const base = path.join(dir, handler.slice(0, dot));
  const exportName = handler.slice(dot + 1);
  const handlerFile = ['.ts', '.js', '.mjs'].map((ext) => base + ext).find((f) => existsSync(f));
  if (!handlerFile) throw new Error(`Handler file for ${handler} not found in ${dir}`);
  return { handlerFile, exportName };
}

function toEnvironment(value: unknown, where: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, raw] of Object.entries(asDict(value))) {
    if (raw === undefined || raw === null) continue;
    if (typeof raw === 'object') throw new Error(`${where}: environment ${key} did not resolve to a value`);
    env[key] = String(raw);
  }
  return env;
}

function busNameOf(eventBus: unknown): string {
  if (eventBus === undefined) return 'default';
  const text = String(eventBus);
  const marker = ':event-bus/';
  return text.includes(marker) ? text.slice(text.indexOf(marker) + marker.length) : text;
}

function httpRouteOf(spec: unknown, functionName: string): HttpRouteDefinition {
  if (typeof spec === 'string') {
    if (spec === '*') return { method: 'ANY', path: '*', functionName };
    const [method, routePath] = spec.split(' ');
    return { method: (method ?? 'ANY').toUpperCase(), path: routePath ?? '/', functionName };
  }
  const route = asDict(spec);
  const method = String(route.method ?? '*').toUpperCase();
  const authorizer = route.authorizer ? { type: 'jwt' as const } : undefined;
  return {
    method: method === '*' ? 'ANY' : method,
    path: String(route.path ?? '*'),
    functionName,
    ...(authorizer ? { authorizer } : {}),
  };
}

function streamOf(spec: unknown, functionName: string, tables: TableDefinition[]): StreamSubscription {
  const stream = asDict(spec);
  const arn = asDict(stream.arn);
  const getAtt = arn['Fn::GetAtt'];
  const logicalId = Array.isArray(getAtt) ? String(getAtt[0]) : undefined;
  const table = tables.find((t) => t.logicalId === logicalId);
  if (!table || stream.type !== 'dynamodb') {
    throw new Error(
      `${functionName}: a stream event must be {type: 'dynamodb', arn: {Fn::GetAtt: [<Table>, 'StreamArn']}}`,
    );
  }
  return {
    functionName,
    tableLogicalId: table.logicalId,
    tableName: String(table.properties.TableName),
    batchSize: Number(stream.batchSize ?? 100),
    maximumBatchingWindowMs: Number(stream.maximumBatchingWindow ?? 0) * 1000,
    maximumRetryAttempts: Number(stream.maximumRetryAttempts ?? -1),
    bisectBatchOnFunctionError: stream.bisectBatchOnFunctionError === true,
    reportBatchItemFailures: stream.functionResponseType === 'ReportBatchItemFailures',
    startingPosition: stream.startingPosition === 'LATEST' ? 'LATEST' : 'TRIM_HORIZON',
    filterPatterns: filterPatternsOf(stream.filterPatterns, functionName),
  };
}

function filterPatternsOf(value: unknown, functionName: string): Record<string, unknown>[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((pattern) => typeof pattern === 'object' && pattern !== null)) {
    throw new Error(`${functionName}: a stream event's filterPatterns must be a list of pattern objects`);
  }
  return value as Record<string, unknown>[];
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

/**
 * `provider.httpApi.cors` as the Serverless Framework reads it: an object (the lists), `true` (API Gateway's
 * permissive defaults, which this project does not use) or nothing.
 */
function corsOf(raw: unknown): CorsConfiguration | undefined {
  if (raw === undefined || raw === false) return undefined;
  if (raw === true) {
    return {
      allowedOrigins: ['*'],
      allowedHeaders: [
        'Content-Type',
        'X-Amz-Date',
        'Authorization',
        'X-Api-Key',
        'X-Amz-Security-Token',
        'X-Amz-User-Agent',
      ],
      allowedMethods: ['OPTIONS', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      exposedResponseHeaders: [],
    };
  }
  const cors = asDict(raw);
  return {
    allowedOrigins: strings(cors.allowedOrigins),
    allowedHeaders: strings(cors.allowedHeaders),
    allowedMethods: strings(cors.allowedMethods),
    exposedResponseHeaders: strings(cors.exposedResponseHeaders),
    ...(cors.maxAge !== undefined && { maxAge: Number(cors.maxAge) }),
    ...(cors.allowCredentials !== undefined && { allowCredentials: cors.allowCredentials === true }),
  };
}

/** Reads one service's serverless.ts and resolves what the local cloud needs to run it. */
export function loadService(dir: string, options: LoadOptions): LoadedService {
  const raw = readServerlessConfig(dir);
  const resolver = new VariableResolver(raw, {
    stage: options.stage,
    region: options.region,
    params: options.params,
    env: options.env ?? process.env,
  });
  const name = path.basename(dir);
  const serviceName = String(resolver.resolve(raw.service));
  const provider = asDict(resolver.resolve(raw.provider));
  const resourcesBlock = asDict(resolver.resolve(asDict(raw.resources).Resources));
  const resources = resourcesBlock as Record<string, CfnResource>;

  const overrides: Record<string, Record<string, string>> = { ...options.generatedResources };
  for (const [logicalId, resource] of Object.entries(resources)) {
    const byType = options.typeOverrides?.[resource.Type];
    if (byType) overrides[logicalId] = byType;
  }
  const ctx: IntrinsicContext = {
    region: options.region,
    accountId: options.accountId,
    stackName: `${serviceName}-${options.stage}`,
    resources,
    overrides,
  };

  const tables: TableDefinition[] = Object.entries(resources)
    .filter(([, r]) => r.Type === 'AWS::DynamoDB::Table')
    .map(([logicalId, r]) => ({ logicalId, properties: asDict(resolveIntrinsics(r.Properties, ctx)) }));
  const buckets = Object.entries(resources)
    .filter(([, r]) => r.Type === 'AWS::S3::Bucket')
    .map(([logicalId]) => String(resolveIntrinsics({ Ref: logicalId }, ctx)));

  const functions: FunctionDefinition[] = [];
  const httpRoutes: HttpRouteDefinition[] = [];
  const webSocketRoutes: WebSocketRouteDefinition[] = [];
  const rules: EventRuleDefinition[] = [];
  const streams: StreamSubscription[] = [];
  const providerEnv = provider.environment;

  for (const [key, rawFn] of Object.entries(asDict(raw.functions))) {
    const fn = asDict(resolver.resolve(rawFn));
    const qualifiedName = `${name}.${key}`;
    const environment = toEnvironment(
      resolveIntrinsics({ ...asDict(providerEnv), ...asDict(fn.environment) }, ctx),
      qualifiedName,
    );
    functions.push({
      qualifiedName,
      service: name,
      key,
      functionName: String(fn.name ?? `${serviceName}-${options.stage}-${key}`),
      ...handlerLocation(dir, String(fn.handler)),
      environment,
      timeoutSeconds: Number(fn.timeout ?? provider.timeout ?? 6),
      memorySize: Number(fn.memorySize ?? provider.memorySize ?? 1024),
      ...(fn.reservedConcurrency !== undefined
        ? { reservedConcurrency: Number(fn.reservedConcurrency) }
        : {}),
    });
    const events = Array.isArray(fn.events) ? fn.events : [];
    events.forEach((rawEvent, index) => {
      const event = asDict(rawEvent);
      if (event.httpApi !== undefined) httpRoutes.push(httpRouteOf(event.httpApi, qualifiedName));
      if (event.websocket !== undefined) {
        const ws = typeof event.websocket === 'string' ? { route: event.websocket } : asDict(event.websocket);
        webSocketRoutes.push({
          routeKey: String(ws.route),
          functionName: qualifiedName,
          returnResponse: ws.routeResponseSelectionExpression !== undefined,
        });
      }
      if (event.eventBridge !== undefined) {
        const eb = asDict(resolveIntrinsics(event.eventBridge, ctx));
        rules.push({
          name: `${serviceName}-${key}-rule-${index + 1}`,
          eventBusName: busNameOf(eb.eventBus),
          pattern: asDict(eb.pattern),
          targets: [qualifiedName],
        });
      }
      if (event.stream !== undefined) streams.push(streamOf(event.stream, qualifiedName, tables));
    });
  }

  const outputs: Record<string, string> = { ...options.generatedOutputs };
  for (const [outputName, output] of Object.entries(
    asDict(resolver.resolve(asDict(raw.resources).Outputs)),
  )) {
    const value = resolveIntrinsics(asDict(output).Value, ctx);
    if (value !== undefined) outputs[outputName] = String(value);
  }

  const selection = provider.websocketsApiRouteSelectionExpression;
  const cors = corsOf(asDict(provider.httpApi).cors);
  return {
    name,
    serviceName,
    dir,
    functions,
    httpRoutes,
    webSocketRoutes,
    ...(selection === undefined ? {} : { webSocketRouteSelectionExpression: String(selection) }),
    ...(cors && { httpApiCors: cors }),
    rules,
    streams,
    tables,
    buckets,
    outputs,
  };
}
