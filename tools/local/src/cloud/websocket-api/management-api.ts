import type { IncomingMessage, ServerResponse } from 'node:http';
import { safeDecode } from '../http-api/aws-format';
import { readBody } from '../../http-server';
import { writeResponse } from '../http-api/http-io';
import type { HttpResponseSpec } from '../http-api/response';

/** API Gateway's limit for one message, also for `PostToConnection` data. */
export const MESSAGE_SIZE_LIMIT = 128 * 1024;

export interface ConnectionDetails {
  connectedAt: number;
  lastActiveAt: number;
  sourceIp: string;
  userAgent: string;
}

/** What the management API may do with the connections; each returns false/undefined when it is gone. */
export interface ManagedConnections {
  describe(connectionId: string): ConnectionDetails | undefined;
  send(connectionId: string, data: string): boolean;
  disconnect(connectionId: string): boolean;
}

/** The connection id of a `/<stage>/@connections/{id}` path (stage optional), or undefined. */
export function managementConnectionId(rawPath: string, stage: string): string | undefined {
  const escapedStage = stage.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`^(?:/${escapedStage})?/(?:@|%40)connections/([^/]+)$`).exec(rawPath);
  return match ? safeDecode(match[1] as string) : undefined;
}

/** An error the SDK's restJson1 deserializer maps to the modelled exception (by `x-amzn-errortype`). */
function serviceError(statusCode: number, errorType: string, message: string): HttpResponseSpec {
  return {
    statusCode,
    headers: [
      ['content-type', 'application/json'],
      ['x-amzn-errortype', errorType],
    ],
    body: Buffer.from(JSON.stringify({ message })),
  };
}

const gone = (): HttpResponseSpec => serviceError(410, 'GoneException', 'Gone');
const empty = (statusCode: number): HttpResponseSpec => ({ statusCode, headers: [], body: Buffer.alloc(0) });

async function respond(
  req: IncomingMessage,
  connectionId: string,
  connections: ManagedConnections,
): Promise<HttpResponseSpec | undefined> {
  const method = (req.method ?? 'GET').toUpperCase();
  if (method === 'POST') {
    const read = await readBody(req, MESSAGE_SIZE_LIMIT);
    if (read.kind === 'aborted') return undefined;
    if (read.kind === 'too-large') {
      return serviceError(413, 'PayloadTooLargeException', 'Message too long');
    }
    return connections.send(connectionId, read.body.toString('utf8')) ? empty(200) : gone();
  }
  if (method === 'GET') {
    const details = connections.describe(connectionId);
    if (!details) return gone();
    const body = {
      connectedAt: new Date(details.connectedAt).toISOString(),
      identity: { sourceIp: details.sourceIp, userAgent: details.userAgent },
      lastActiveAt: new Date(details.lastActiveAt).toISOString(),
    };
    return {
      statusCode: 200,
      headers: [['content-type', 'application/json']],
      body: Buffer.from(JSON.stringify(body)),
    };
  }
  if (method === 'DELETE') return connections.disconnect(connectionId) ? empty(204) : gone();
  return serviceError(403, 'ForbiddenException', 'Forbidden');
}

/** Serves one `@connections` request (PostToConnection, GetConnection, DeleteConnection). */
export async function handleManagementRequest(
  req: IncomingMessage,
  res: ServerResponse,
  connectionId: string,
  connections: ManagedConnections,
  extraHeaders: Array<[string, string]>,
): Promise<void> {
  const spec = await respond(req, connectionId, connections);
  if (spec) writeResponse(res, spec, extraHeaders);
  else res.destroy();
}
