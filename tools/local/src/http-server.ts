import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningServer } from './cloud/types';
import { errorMessage } from './emulators/error-message';
import { LOOPBACK_HOST } from './ports';

/**
 * The HTTP plumbing every server of the local stack shares (the HTTP and WebSocket APIs, EventBridge, SNS,
 * s3rver): read a request body within a limit, listen on 127.0.0.1, close.
 */

export type BodyResult = { kind: 'ok'; body: Buffer } | { kind: 'too-large' } | { kind: 'aborted' };

/**
 * Reads a request body up to `limit` bytes. A larger body is drained (not kept) up to `drainLimit`
 * so the client can read the 413; past that the socket is destroyed.
 */
export function readBody(req: IncomingMessage, limit: number, drainLimit = limit * 4): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = Number(req.headers['content-length'] ?? 0) > limit;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
      if (size > drainLimit) {
        req.destroy();
        resolve({ kind: 'aborted' });
      }
    });
    req.on('end', () =>
      resolve(tooLarge ? { kind: 'too-large' } : { kind: 'ok', body: Buffer.concat(chunks) }),
    );
    req.on('error', () => resolve({ kind: 'aborted' }));
    req.on('close', () => resolve({ kind: 'aborted' }));
  });
}

/** A request body over the server's limit; the server answers 413 in its protocol's error format. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body over ${limit} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/** The body as UTF-8 text; rejects with BodyTooLargeError past `limit`, or an Error when the client went away. */
export async function readBodyText(req: IncomingMessage, limit: number): Promise<string> {
  const read = await readBody(req, limit);
  if (read.kind === 'too-large') throw new BodyTooLargeError(limit);
  if (read.kind === 'aborted') throw new Error('the client aborted the request');
  return read.body.toString('utf8');
}

/** Writes a whole response: status, content type, length, any extra headers, the body. */
export function sendText(
  response: ServerResponse,
  status: number,
  contentType: string,
  body: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    ...headers,
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
}

export interface LoopbackServer extends RunningServer {
  server: Server;
}

/**
 * Listens on 127.0.0.1:`port` (0 picks a free one). A failure rejects with `<name> could not start on
 * 127.0.0.1:<port>: <reason>`. `close()` (once, however often it is called) stops accepting connections,
 * closes the idle ones and resolves once in-flight requests ended, forcing the rest after `closeGraceMs`.
 */
export async function listenOnLoopback(
  server: Server,
  options: { name: string; port: number; closeGraceMs?: number },
): Promise<LoopbackServer> {
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, LOOPBACK_HOST, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    throw new Error(
      `${options.name} could not start on ${LOOPBACK_HOST}:${options.port}: ${errorMessage(error)}`,
    );
  }
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    server,
    url: `http://${LOOPBACK_HOST}:${port}`,
    port,
    close: () => (closing ??= closeServer(server, options.closeGraceMs)),
  };
}

function closeServer(server: Server, graceMs = 2000): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}
