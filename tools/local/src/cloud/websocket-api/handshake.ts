import { type IncomingMessage, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

/** Whether the upgrade request is a WebSocket handshake `ws` will complete (checked before `$connect`). */
export function isValidHandshake(req: IncomingMessage): boolean {
  const key = req.headers['sec-websocket-key'];
  const version = req.headers['sec-websocket-version'];
  return (
    req.method === 'GET' &&
    (req.headers.upgrade ?? '').toLowerCase() === 'websocket' &&
    typeof key === 'string' &&
    /^[+/0-9A-Za-z]{22}==$/.test(key) &&
    (version === '13' || version === '8')
  );
}

export interface ConnectDecision {
  statusCode: number;
  /** The body of a refusal, when the handler gave one. */
  body?: string;
  /** The subprotocol the handler selected with a `Sec-WebSocket-Protocol` response header. */
  protocol?: string;
}

function headerIn(headers: unknown, name: string): string | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
  return entry && typeof entry[1] === 'string' ? entry[1] : undefined;
}

/**
 * Reads a `$connect` handler's result: its `statusCode` decides (2xx accepts, anything else refuses the
 * handshake with that status); a result without one accepts, a malformed status is a 500.
 */
export function connectDecision(result: unknown): ConnectDecision {
  if (typeof result !== 'object' || result === null || !('statusCode' in result)) return { statusCode: 200 };
  const { statusCode, body, headers } = result as { statusCode: unknown; body?: unknown; headers?: unknown };
  if (
    typeof statusCode !== 'number' ||
    !Number.isInteger(statusCode) ||
    statusCode < 100 ||
    statusCode > 599
  ) {
    return { statusCode: 500 };
  }
  const decision: ConnectDecision = { statusCode };
  if (typeof body === 'string' && body !== '') decision.body = body;
  const protocol = headerIn(headers, 'sec-websocket-protocol');
  if (protocol) decision.protocol = protocol;
  return decision;
}

/** Answers an upgrade request with a plain HTTP error status and closes the socket. */
export function refuseHandshake(socket: Duplex, statusCode: number, body = ''): void {
  if (socket.destroyed) return;
  const bytes = Buffer.byteLength(body);
  const contentType = body.trimStart().startsWith('{') ? 'application/json' : 'text/plain';
  const head =
    `HTTP/1.1 ${statusCode} ${STATUS_CODES[statusCode] ?? 'Error'}\r\n` +
    'Connection: close\r\n' +
    (bytes > 0 ? `Content-Type: ${contentType}\r\n` : '') +
    `Content-Length: ${bytes}\r\n\r\n`;
  socket.end(head + body, () => socket.destroy());
}
