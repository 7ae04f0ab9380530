import { Agent, createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { RunningServer } from '../cloud/types';
import { listenOnLoopback, readBody, sendText } from '../http-server';
import {
  askingForConsumedCapacity,
  dynamoDbCallOf,
  tablesNamed,
  type DynamoDbCall,
} from '../observability/usage';

/**
 * A pass-through in front of DynamoDB Local for the functions: every request goes on unchanged, and once a write
 * has succeeded the tables it wrote are named to `onWrite`, so their stream mappings read the new records at once
 * instead of at their next (idle, slow) poll. That is what lets the stream pollers rest while nothing is written,
 * yet deliver a record milliseconds after its write. A request it cannot forward gets a 502 (the SDK retries it;
 * handlers count it as a dependency outage, as they would DynamoDB's own 5xx).
 */
export interface WriteSignalProxyOptions {
  /** DynamoDB Local's URL (http://127.0.0.1:port). */
  target: string;
  onWrite: (tableNames: readonly string[] | 'all') => void;
  /** 0 (default) picks a free port. */
  port?: number;
  /**
   * Gets every call once answered, with the units it consumed (the proxy asks DynamoDB Local for them) and the
   * caller's user agent, with the time DynamoDB Local took; `npm run bench:cost` and `bench:connect` count them (observability/usage.ts).
   */
  onCall?: (call: DynamoDbCall, userAgent: string) => void;
}

/** Requests up to this size are forwarded (DynamoDB's own limits are far below it). */
const BODY_LIMIT = 16 * 1024 * 1024;

const SINGLE_ITEM_WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem']);
const PARTIQL = new Set(['ExecuteStatement', 'BatchExecuteStatement', 'ExecuteTransaction']);

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;

/**
 * The tables a request writes, from its `X-Amz-Target` operation and its body: none for reads, 'all' where the
 * tables cannot be told cheaply (PartiQL).
 */
export function tablesWritten(target: string | undefined, body: Json): readonly string[] | 'all' {
  const operation = target?.split('.').pop() ?? '';
  if (
    SINGLE_ITEM_WRITES.has(operation) ||
    operation === 'BatchWriteItem' ||
    operation === 'TransactWriteItems'
  )
    return tablesNamed(body);
  return PARTIQL.has(operation) ? 'all' : [];
}

/** Headers of one connection only (RFC 9110 §7.6.1): the bodies are passed on whole, with their length. */
const HOP_BY_HOP = [
  'connection',
  'keep-alive',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'content-length',
];

function withoutHopByHop(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const kept: IncomingHttpHeaders = { ...headers };
  for (const name of HOP_BY_HOP) delete kept[name];
  return kept;
}

function parseJson(body: Buffer): Json {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return isObject(value) ? value : {};
  } catch {
    return {};
  }
}

export async function startWriteSignalProxy(options: WriteSignalProxyOptions): Promise<RunningServer> {
  const target = new URL(options.target);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const server = createServer(async (req, res) => {
    const read = await readBody(req, BODY_LIMIT);
    if (read.kind !== 'ok') {
      if (read.kind === 'too-large') sendText(res, 413, 'text/plain', 'request too large');
      return;
    }
    const operation = (req.headers['x-amz-target'] as string | undefined)?.split('.').pop() ?? '';
    const requestJson = parseJson(read.body);
    const asking = options.onCall ? askingForConsumedCapacity(operation, requestJson) : requestJson;
    const forwarded = asking === requestJson ? read.body : Buffer.from(JSON.stringify(asking));
    const headers: IncomingHttpHeaders = withoutHopByHop(req.headers);
    headers['content-length'] = String(forwarded.length);
    const sentAt = performance.now();
    const upstream = request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers,
        agent,
      },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const body = Buffer.concat(chunks);
          res.writeHead(answer.statusCode ?? 502, {
            ...withoutHopByHop(answer.headers),
            'content-length': body.length,
          });
          res.end(body);
          if (answer.statusCode === 200) {
            const tables = tablesWritten(req.headers['x-amz-target'] as string | undefined, requestJson);
            if (tables === 'all' || tables.length > 0) options.onWrite(tables);
          }
          options.onCall?.(
            dynamoDbCallOf(operation, tablesNamed(requestJson), answer.statusCode ?? 502, parseJson(body), {
              request: requestJson,
              milliseconds: performance.now() - sentAt,
            }),
            req.headers['user-agent'] ?? '',
          );
        });
        answer.on('error', () => res.destroy());
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) sendText(res, 502, 'text/plain', 'DynamoDB Local is not answering');
      else res.destroy();
    });
    upstream.end(forwarded);
  });
  const running = await listenOnLoopback(server, {
    name: 'DynamoDB write-signal proxy',
    port: options.port ?? 0,
  });
  return {
    ...running,
    close: async () => {
      await running.close();
      agent.destroy();
    },
  };
}
