import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { LOOPBACK_HOST } from '../ports';

/** What the page reads from `/config.json` to find the stack's APIs. */
export interface WebAppConfig {
  httpUrl: string;
  wsUrl: string;
}

export interface WebServerOptions {
  port: number;
  /** The built app (`index.html`, `app.js`, `app.css`). */
  dir: string;
  config: WebAppConfig;
  /** Where presigned attachment URLs point (the page uploads to and shows images from there). */
  s3Url: string;
  host?: string;
}

export interface RunningWebServer {
  url: string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

const origin = (url: string) => new URL(url).origin;

/**
 * The page's Content-Security-Policy: its own scripts and styles only (no inline script), network to the stack's
 * HTTP and WebSocket APIs and to the attachments' storage, images from there too (and `blob:` for a preview of a
 * file being uploaded), no plugins, no framing, no `<base>` tricks.
 */
export function contentSecurityPolicy(config: WebAppConfig, s3Url: string): string {
  const api = [origin(config.httpUrl), origin(config.wsUrl)];
  const storage = origin(s3Url);
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' blob: data: ${storage}`,
    `connect-src 'self' ${[...api, storage].join(' ')}`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The file a request path names inside `root`, or undefined when it names none there: the path is
 * percent-decoded first, then normalised, and whatever leaves `root` (`..`, an encoded `%2e%2e%2f`, a backslash,
 * a NUL) names nothing.
 */
export function fileOf(root: string, pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const base = path.resolve(root);
  const file = path.resolve(base, `.${path.posix.normalize(`/${decoded}`)}`);
  if (file === base) return path.join(base, 'index.html');
  return file.startsWith(`${base}${path.sep}`) ? file : undefined;
}

async function isFile(file: string): Promise<boolean> {
  return stat(file).then(
    (info) => info.isFile(),
    () => false,
  );
}

/**
 * Serves the built web app on 127.0.0.1: its files with their content types, `/config.json` (the stack's URLs),
 * and `index.html` for every other path without a file extension (the app's own routes). Only GET and HEAD.
 */
export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const host = options.host ?? LOOPBACK_HOST;
  const csp = contentSecurityPolicy(options.config, options.s3Url);
  const configBody = JSON.stringify(options.config);
  const securityHeaders = {
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': csp,
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };

  const send = (res: ServerResponse, status: number, type: string, body: string, head: boolean) => {
    res.writeHead(status, {
      ...securityHeaders,
      'Content-Type': type,
      'Content-Length': Buffer.byteLength(body),
      'Cache-Control': 'no-store',
    });
    res.end(head ? undefined : body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) {
      res.setHeader('Allow', 'GET, HEAD');
      send(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n', false);
      return;
    }
    const pathname = (req.url ?? '/').split('?')[0] as string;
    if (pathname === '/config.json') {
      send(res, 200, CONTENT_TYPES['.json'] as string, configBody, head);
      return;
    }
    const named = fileOf(options.dir, pathname);
    if (named === undefined) {
      send(res, 400, 'text/plain; charset=utf-8', 'bad path\n', head);
      return;
    }
    let file = named;
    if (!(await isFile(file))) {
      // a path with an extension names a file that is not there; any other is one of the app's routes
      if (path.extname(named) !== '') {
        send(res, 404, 'text/plain; charset=utf-8', 'not found\n', head);
        return;
      }
      file = path.join(options.dir, 'index.html');
    }
    const { size } = await stat(file);
    res.writeHead(200, {
      ...securityHeaders,
      'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Content-Length': size,
      // index.html names the bundle with the build's hash: it is always revalidated, the bundle may be cached
      'Cache-Control': path.extname(file) === '.html' ? 'no-cache' : 'public, max-age=3600',
    });
    if (head) {
      res.end();
      return;
    }
    createReadStream(file).pipe(res);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'internal error\n', false);
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
