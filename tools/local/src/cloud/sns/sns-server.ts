import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deliveriesResponse, InvalidDeliveriesQueryError } from './deliveries';
import { runAction } from './sns-actions';
import { SnsEngine } from './sns-engine';
import { QueryError, parseQueryBody, stringParam, xmlErrorResponse, xmlResponse } from './query-protocol';
import type { RunningSns, SnsOptions } from './types';

const MAX_BODY_BYTES = 1024 * 1024;
export const SNS_DELIVERIES_PATH = '/_local/sns/deliveries';

/**
 * Starts the local SNS on 127.0.0.1: the AWS Query protocol endpoint that @aws-sdk/client-sns talks to
 * (`new SNSClient({ endpoint: url })`), which records deliveries instead of sending them. It also serves
 * the recorded deliveries as JSON at `GET /_local/sns/deliveries` (see `deliveriesResponse`).
 */
export async function startSns(options: SnsOptions): Promise<RunningSns> {
  const engine = new SnsEngine(options);
  const server = createServer((request, response) => {
    handle(engine, request, response).catch((error: unknown) => {
      console.error('local SNS: request failed', error);
      if (!response.headersSent) send(response, 500, 'text/plain', 'internal error');
      else response.destroy();
    });
  });
  try {
    await listen(server, options.port);
  } catch (error) {
    const reason =
      typeof error === 'object' && error !== null && 'message' in error
        ? String(error.message)
        : String(error);
    throw new Error(`the local SNS could not start on 127.0.0.1:${options.port}: ${reason}`);
  }
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    deliveries: () => engine.deliveries(),
    clear: () => engine.clearDeliveries(),
    close: () => (closing ??= closeServer(server)),
  };
}

async function handle(engine: SnsEngine, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  if (request.method === 'GET' && url.pathname === SNS_DELIVERIES_PATH) {
    try {
      send(response, 200, 'application/json', JSON.stringify(deliveriesResponse(engine, url.searchParams)));
    } catch (error) {
      if (!(error instanceof InvalidDeliveriesQueryError)) throw error;
      const body = { error: { code: 'VALIDATION_FAILED', message: error.message } };
      send(response, 400, 'application/json', JSON.stringify(body));
    }
    return;
  }
  const requestId = randomUUID();
  try {
    if (request.method !== 'POST')
      throw new QueryError('InvalidAction', 'The local SNS accepts POST requests', 400);
    const params = parseQueryBody(await readBody(request));
    const action = stringParam(params, 'Action');
    if (!action) throw new QueryError('MissingAction', 'Missing Action', 400);
    const result = runAction(engine, action, params);
    sendXml(response, 200, requestId, xmlResponse(action, result, requestId));
  } catch (error) {
    if (!(error instanceof QueryError)) throw error;
    sendXml(response, error.status, requestId, xmlErrorResponse(error, requestId));
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new QueryError('RequestEntityTooLarge', 'Request body too large', 413));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function sendXml(response: ServerResponse, status: number, requestId: string, xml: string): void {
  response.setHeader('x-amzn-RequestId', requestId);
  send(response, status, 'text/xml', xml);
}

function send(response: ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeIdleConnections();
  });
}
