import { Agent, createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { RunningServer } from '../cloud/types';
import { listenOnLoopback, readBody, sendText } from '../http-server';
import type { DynamoDbCall } from '../observability/usage';

/**
 * A pass-through in front of DynamoDB Local for the functions: every request goes on unchanged, and once a write
 * has succeeded the tables it wrote are named to `onWrite`, so their stream mappings read the new records at once
 * instead of at their next (idle, slow) poll. That is what lets the stream pollers rest while nothing is written,
 * yet deliver a record milliseconds after its write. A request it cannot forward gets a 502 (the SDK retries it;
 * handlers count it as a dependency outage, as they would DynamoDB's own 5xx).
 *
 * With `onCall`, it also tells what each request cost (observability/usage.ts counts it): its operation, the items
 * it wrote per table, its error type when refused, and its consumed capacity (it asks DynamoDB Local for
 * `ReturnConsumedCapacity: TOTAL` where the request did not ask for any; the answer is passed on as it came).
 */
export interface WriteSignalProxyOptions {
  /** DynamoDB Local's URL (http://127.0.0.1:port). */
  target: string;
  onWrite: (tableNames: readonly string[] | 'all') => void;
  /** Called once per answered request, with what it cost. */
  onCall?: (call: DynamoDbCall, request: { userAgent: string }) => void;
  /** 0 (default) picks a free port. */
  port?: number;
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
  if (SINGLE_ITEM_WRITES.has(operation)) return typeof body.TableName === 'string' ? [body.TableName] : [];
  if (operation === 'BatchWriteItem')
    return isObject(body.RequestItems) ? Object.keys(body.RequestItems) : [];
  if (operation === 'TransactWriteItems' && Array.isArray(body.TransactItems)) {
    const names = body.TransactItems.flatMap((item: unknown) =>
      isObject(item)
        ? Object.values(item).flatMap((action) =>
            isObject(action) && typeof action.TableName === 'string' ? [action.TableName] : [],
          )
        : [],
    );
    return [...new Set(names)];
  }
  return PARTIQL.has(operation) ? 'all' : [];
}

const READS = new Set(['GetItem', 'BatchGetItem', 'Query', 'Scan', 'TransactGetItems']);
/** The operations that take `ReturnConsumedCapacity`. */
const WITH_CAPACITY = new Set([...SINGLE_ITEM_WRITES, 'BatchWriteItem', 'TransactWriteItems', ...READS]);

/** The items a request writes per table (0 for each table it only reads), by its operation. */
export function itemsByTable(operation: string, body: Json): Record<string, number> {
  const tables: Record<string, number> = {};
  const count = (table: unknown, items: number) => {
    if (typeof table === 'string') tables[table] = (tables[table] ?? 0) + items;
  };
  if (SINGLE_ITEM_WRITES.has(operation)) count(body.TableName, 1);
  else if (operation === 'GetItem' || operation === 'Query' || operation === 'Scan') count(body.TableName, 0);
  else if ((operation === 'BatchWriteItem' || operation === 'BatchGetItem') && isObject(body.RequestItems)) {
    for (const [table, requests] of Object.entries(body.RequestItems)) {
      count(table, operation === 'BatchWriteItem' && Array.isArray(requests) ? requests.length : 0);
    }
  } else if (
    (operation === 'TransactWriteItems' || operation === 'TransactGetItems') &&
    Array.isArray(body.TransactItems)
  ) {
    for (const item of body.TransactItems) {
      if (!isObject(item)) continue;
      for (const [action, request] of Object.entries(item)) {
        if (isObject(request)) count(request.TableName, ['Put', 'Update', 'Delete'].includes(action) ? 1 : 0);
      }
    }
  }
  return tables;
}

/** `ConsumedCapacity` of an answer (one object or a list), per table, as read and write units. */
export function capacityOf(operation: string, answer: Json): Record<string, { read: number; write: number }> {
  const raw = answer.ConsumedCapacity;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const capacity: Record<string, { read: number; write: number }> = {};
  const number = (value: unknown) => (typeof value === 'number' ? value : 0);
  for (const item of list) {
    if (!isObject(item) || typeof item.TableName !== 'string') continue;
    const total = number(item.CapacityUnits);
    const split = item.ReadCapacityUnits !== undefined || item.WriteCapacityUnits !== undefined;
    const units = (capacity[item.TableName] ??= { read: 0, write: 0 });
    if (split) {
      units.read += number(item.ReadCapacityUnits);
      units.write += number(item.WriteCapacityUnits);
    } else if (READS.has(operation)) units.read += total;
    else units.write += total;
  }
  return capacity;
}

/** The error type of a refused request's answer (`…#ConditionalCheckFailedException` → its last part). */
function errorTypeOf(answer: Json): string | undefined {
  const type = answer.__type;
  return typeof type === 'string' ? type.split('#').pop() : undefined;
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
  const upstreamUrl = new URL(options.target);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const server = createServer(async (req, res) => {
    const read = await readBody(req, BODY_LIMIT);
    if (read.kind !== 'ok') {
      if (read.kind === 'too-large') sendText(res, 413, 'text/plain', 'request too large');
      return;
    }
    const target = req.headers['x-amz-target'] as string | undefined;
    const operation = target?.split('.').pop() ?? '';
    const caller = { userAgent: req.headers['user-agent'] ?? '' };
    let outgoing = read.body;
    let parsed: Json | undefined;
    if (options.onCall) {
      parsed = parseJson(read.body);
      if (WITH_CAPACITY.has(operation) && parsed.ReturnConsumedCapacity === undefined) {
        outgoing = Buffer.from(JSON.stringify({ ...parsed, ReturnConsumedCapacity: 'TOTAL' }));
      }
    }
    const headers: IncomingHttpHeaders = withoutHopByHop(req.headers);
    headers['content-length'] = String(outgoing.length);
    const sentAt = Date.now();
    const upstream = request(
      {
        host: upstreamUrl.hostname,
        port: upstreamUrl.port,
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
          const status = answer.statusCode ?? 502;
          if (status === 200) {
            const tables = tablesWritten(target, parsed ?? parseJson(read.body));
            if (tables === 'all' || tables.length > 0) options.onWrite(tables);
          }
          if (options.onCall && parsed) {
            const reply = parseJson(body);
            const errorType = status >= 400 ? errorTypeOf(reply) : undefined;
            options.onCall(
              {
                operation,
                tables: itemsByTable(operation, parsed),
                status,
                ...(errorType ? { errorType } : {}),
                capacity: capacityOf(operation, reply),
                durationMs: Date.now() - sentAt,
              },
              caller,
            );
          }
        });
        answer.on('error', () => res.destroy());
      },
    );
    upstream.on('error', () => {
      if (parsed)
        options.onCall?.({ operation, tables: itemsByTable(operation, parsed), status: 502 }, caller);
      if (!res.headersSent) sendText(res, 502, 'text/plain', 'DynamoDB Local is not answering');
      else res.destroy();
    });
    upstream.end(outgoing);
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
