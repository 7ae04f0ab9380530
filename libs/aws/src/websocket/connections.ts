import {
  type ApiGatewayManagementApiClient,
  DeleteConnectionCommand,
  GoneException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { HttpRequest } from '@smithy/core/protocols';
import { SignatureV4 } from '@smithy/signature-v4';
import { tracingEnabled } from '../tracing';

/** Outcome of a post or a close: `gone` when the connection no longer exists (API Gateway answers 410). */
export type SendOutcome = 'sent' | 'gone';

/** API Gateway's `@connections` API: frames to open WebSocket connections, and closing them. */
export interface WebSocketConnections {
  /** Posts `frame` as JSON to the connection (PostToConnection). */
  send(connectionId: string, frame: object): Promise<SendOutcome>;
  /** Closes the connection from the server side (DeleteConnection); `gone` when it was already closed. */
  close(connectionId: string): Promise<SendOutcome>;
}

export interface ConnectionsOptions {
  /**
   * Posts go straight to the client's HTTP handler, signed by the SDK's SigV4 signer, without the client's
   * per-call middleware stack (serialization, endpoint resolution, retries, schema): about a fifth of the CPU of
   * `client.send` per post, which is what a fan-out to hundreds of sockets spends its time on (decision record
   * 012). Only for a caller that retries on its own: the client's retries do not apply. The client's endpoint,
   * region, credentials and hash are used as they are; with tracing on, every post goes through `client.send`
   * so that X-Ray sees it.
   */
  direct?: boolean;
}

/** A PostToConnection refusal other than 410, named as the SDK would name it (`LimitExceededException` …). */
export class ConnectionPostError extends Error {
  readonly $metadata: { httpStatusCode: number };

  constructor(name: string, statusCode: number, message: string) {
    super(message);
    this.name = name;
    this.$metadata = { httpStatusCode: statusCode };
  }
}

const isGone = (error: unknown) =>
  error instanceof GoneException || (error instanceof Error && error.name === 'GoneException');

async function unlessGone(call: () => Promise<unknown>): Promise<SendOutcome> {
  try {
    await call();
    return 'sent';
  } catch (error) {
    if (isGone(error)) return 'gone';
    throw error;
  }
}

async function readAll(body: unknown): Promise<string> {
  if (!body || typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] !== 'function') return '';
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Buffer | string>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

/** The refusal in an error response: `x-amzn-errortype` (up to its first `:`) and the body's message. */
function refusal(statusCode: number, headers: Record<string, string>, text: string): ConnectionPostError {
  const errorType = (headers['x-amzn-errortype'] ?? '').split(':')[0] || `HTTP${statusCode}`;
  let message = text;
  try {
    const parsed = JSON.parse(text) as { message?: unknown; Message?: unknown };
    message = String(parsed.message ?? parsed.Message ?? text);
  } catch {
    // Not JSON: the text is the message.
  }
  return new ConnectionPostError(errorType, statusCode, message || `PostToConnection answered ${statusCode}`);
}

type Poster = (connectionId: string, data: string) => Promise<SendOutcome>;

/** PostToConnection through the client's own handler and signer, without its middleware stack. */
function directPoster(client: ApiGatewayManagementApiClient): Poster | undefined {
  const { config } = client;
  const endpointOf = config.endpoint;
  if (!endpointOf) return undefined;
  let prepared:
    Promise<{ signer: SignatureV4; endpoint: Awaited<ReturnType<typeof endpointOf>> }> | undefined;
  const prepare = async () => ({
    signer: new SignatureV4({
      credentials: config.credentials,
      region: await config.region(),
      service: 'execute-api',
      sha256: config.sha256,
    }),
    endpoint: await endpointOf(),
  });
  return async (connectionId, data) => {
    const { signer, endpoint } = await (prepared ??= prepare());
    const host = endpoint.port === undefined ? endpoint.hostname : `${endpoint.hostname}:${endpoint.port}`;
    const request = new HttpRequest({
      method: 'POST',
      protocol: endpoint.protocol,
      hostname: endpoint.hostname,
      ...(endpoint.port === undefined ? {} : { port: endpoint.port }),
      path: `${endpoint.path.replace(/\/$/, '')}/@connections/${encodeURIComponent(connectionId)}`,
      headers: {
        host,
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(data)),
      },
      body: data,
    });
    const { response } = await config.requestHandler.handle(await signer.sign(request));
    const text = await readAll(response.body);
    if (response.statusCode >= 200 && response.statusCode < 300) return 'sent';
    if (response.statusCode === 410) return 'gone';
    throw refusal(response.statusCode, response.headers, text);
  };
}

/**
 * The one `@connections` poster: a 410 (the connection is gone) is an outcome, not an error; anything else is
 * rethrown. Retries are the client's, or with `direct` the caller's (a fan-out turns them off and retries with
 * its own bounded policy).
 */
export function apiGatewayConnections(
  client: ApiGatewayManagementApiClient,
  options: ConnectionsOptions = {},
): WebSocketConnections {
  const direct = options.direct && !tracingEnabled() ? directPoster(client) : undefined;
  return {
    send: (connectionId, frame) => {
      const data = JSON.stringify(frame);
      return direct
        ? direct(connectionId, data)
        : unlessGone(() =>
            client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: data })),
          );
    },
    close: (connectionId) =>
      unlessGone(() => client.send(new DeleteConnectionCommand({ ConnectionId: connectionId }))),
  };
}
