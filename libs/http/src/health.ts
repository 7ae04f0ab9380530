import { requireEnv, type Logger } from '@chat/runtime';
import { httpHandler } from './http-handler';
import { ok } from './responses';
import type { HttpLambdaHandler } from './types';

export interface HealthReport {
  service: string;
  status: 'ok';
  time: string;
}

export interface HealthOptions {
  now?: () => Date;
  logger?: Logger;
}

/** `GET /health/<service>`: 200 with the service's name (env SERVICE_NAME) and the current time. */
export function healthHandler(options: HealthOptions = {}): HttpLambdaHandler {
  const now = options.now ?? (() => new Date());
  return httpHandler({ name: 'health', auth: 'none', logger: options.logger }, async () => {
    const report: HealthReport = {
      service: requireEnv('SERVICE_NAME'),
      status: 'ok',
      time: now().toISOString(),
    };
    return ok(report);
  });
}
