import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpResponseSpec } from './response';

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

/** Writes a response; `extraHeaders` are added unless the response already has that header. */
export function writeResponse(
  res: ServerResponse,
  spec: HttpResponseSpec,
  extraHeaders: Array<[string, string]> = [],
): void {
  if (res.headersSent || res.destroyed) return;
  const grouped = new Map<string, string[]>();
  for (const [name, value] of [...spec.headers]) {
    const key = name.toLowerCase();
    if (key === 'content-length' || key === 'transfer-encoding' || key === 'connection') continue;
    grouped.set(key, [...(grouped.get(key) ?? []), value]);
  }
  for (const [name, value] of extraHeaders) if (!grouped.has(name)) grouped.set(name, [value]);
  for (const [name, values] of grouped)
    res.setHeader(name, values.length === 1 ? (values[0] as string) : values);
  res.setHeader('content-length', spec.body.length);
  res.writeHead(spec.statusCode);
  res.end(spec.body);
}

/** Listens on 127.0.0.1 and resolves with the bound port. */
export function listenOnLoopback(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Stops accepting connections and resolves once in-flight requests ended (forced after `graceMs`). */
export function closeServer(server: Server, graceMs = 2000): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}
