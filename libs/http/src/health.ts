import { OUTAGE_RETRY_AFTER_SECONDS, requireEnv, type Logger } from '@chat/runtime';
import { UNAVAILABLE_ERROR } from './errors';
import { httpHandler } from './http-handler';
import { json, ok } from './responses';
import type { HttpLambdaHandler } from './types';

export interface HealthReport {
  service: string;
  status: 'ok';
  time: string;
}

export interface HealthOptions {
  /** Rejects when what the service needs does not answer (e.g. `tableAnswers` of @chat/aws). */
  check: () => Promise<void>;
  now?: () => Date;
  logger?: Logger;
}

/**
 * `GET /health/<service>`: 200 with the service's name (env SERVICE_NAME) and the current time once `check`
 * resolves; 503 UNAVAILABLE with Retry-After when it rejects (the dependency is down: health tells the truth).
 */
export function healthHandler(options: HealthOptions): HttpLambdaHandler {
  const now = options.now ?? (() => new Date());
  return httpHandler({ name: 'health', auth: 'none', logger: options.logger }, async ({ logger }) => {
    try {
      await options.check();
    } catch (error) {
      logger.warn('health check failed', { error });
      return json(503, UNAVAILABLE_ERROR, { 'retry-after': String(OUTAGE_RETRY_AFTER_SECONDS) });
    }
    const report: HealthReport = {
      service: requireEnv('SERVICE_NAME'),
      status: 'ok',
      time: now().toISOString(),
    };
    return ok(report);
  });
}
