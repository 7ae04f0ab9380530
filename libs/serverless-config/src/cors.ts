/** The port `npm start` serves the web app on unless CHAT_WEB_PORT says otherwise. */
export const DEFAULT_WEB_PORT = 3002;

const ORIGIN = /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/;

/**
 * The browser origins allowed to call the HTTP API (its CORS configuration) and to use the attachments bucket's
 * presigned URLs: the comma-separated `CHAT_WEB_ORIGINS` when a stage is deployed (e.g.
 * `https://chat.example.com`); without it, only the local web app's origins (`http://127.0.0.1:<CHAT_WEB_PORT>`,
 * `http://localhost:<CHAT_WEB_PORT>`), which no deployed page has: a stage deployed without the variable refuses
 * browsers rather than allowing every site. `*` and anything that is not `scheme://host[:port]` are refused.
 */
export function webOrigins(env: Record<string, string | undefined> = process.env): string[] {
  const configured = env.CHAT_WEB_ORIGINS?.trim();
  if (!configured) {
    const port = env.CHAT_WEB_PORT?.trim() || String(DEFAULT_WEB_PORT);
    return [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
  }
  const origins = configured.split(',').map((origin) => origin.trim().toLowerCase().replace(/\/$/, ''));
  for (const origin of origins) {
    if (!ORIGIN.test(origin)) {
      throw new Error(`CHAT_WEB_ORIGINS: "${origin}" is not an origin such as https://chat.example.com`);
    }
  }
  return [...new Set(origins)];
}

/** The HTTP API's CORS configuration (the stage's web origins only). */
export function httpApiCors(env: Record<string, string | undefined> = process.env) {
  return {
    allowedOrigins: webOrigins(env),
    allowedHeaders: ['Content-Type', 'Authorization', 'X-Correlation-Id'],
    allowedMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    exposedResponseHeaders: ['X-Correlation-Id', 'Retry-After'],
    maxAge: 600,
  };
}
