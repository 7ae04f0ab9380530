import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { BodyTooLargeError, listenOnLoopback, readBodyText, sendText } from '../../http-server';
import { deliveriesResponse, InvalidDeliveriesQueryError } from './deliveries';
import { runAction } from './sns-actions';
import { SnsEngine } from './sns-engine';
import {
  listParam,
  QueryError,
  parseQueryBody,
  stringParam,
  xmlErrorResponse,
  xmlResponse,
} from './query-protocol';
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
    handle(engine, options, request, response).catch((error: unknown) => {
      console.error('local SNS: request failed', error);
      if (!response.headersSent) sendText(response, 500, 'text/plain', 'internal error');
      else response.destroy();
    });
  });
  const { url, port, close } = await listenOnLoopback(server, { name: 'the local SNS', port: options.port });
  return {
    url,
    port,
    deliveries: () => engine.deliveries(),
    clear: () => engine.clearDeliveries(),
    close,
  };
}

async function handle(
  engine: SnsEngine,
  options: SnsOptions,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  if (request.method === 'GET' && url.pathname === SNS_DELIVERIES_PATH) {
    try {
      const body = JSON.stringify(deliveriesResponse(engine, url.searchParams));
      sendText(response, 200, 'application/json', body);
    } catch (error) {
      if (!(error instanceof InvalidDeliveriesQueryError)) throw error;
      const body = { error: { code: 'VALIDATION_FAILED', message: error.message } };
      sendText(response, 400, 'application/json', JSON.stringify(body));
    }
    return;
  }
  const requestId = randomUUID();
  try {
    if (request.method !== 'POST')
      throw new QueryError('InvalidAction', 'The local SNS accepts POST requests', 400);
    const params = parseQueryBody(await readQueryBody(request));
    const action = stringParam(params, 'Action');
    if (!action) throw new QueryError('MissingAction', 'Missing Action', 400);
    const result = runAction(engine, action, params);
    if (action === 'Publish') options.onPublish?.(1);
    else if (action === 'PublishBatch')
      options.onPublish?.(listParam(params, 'PublishBatchRequestEntries').length);
    sendXml(response, 200, requestId, xmlResponse(action, result, requestId));
  } catch (error) {
    if (!(error instanceof QueryError)) throw error;
    sendXml(response, error.status, requestId, xmlErrorResponse(error, requestId));
  }
}

async function readQueryBody(request: IncomingMessage): Promise<string> {
  try {
    return await readBodyText(request, MAX_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError)
      throw new QueryError('RequestEntityTooLarge', 'Request body too large', 413);
    throw error;
  }
}

function sendXml(response: ServerResponse, status: number, requestId: string, xml: string): void {
  sendText(response, status, 'text/xml', xml, { 'x-amzn-RequestId': requestId });
}
