import type { Tracer } from '@aws-lambda-powertools/tracer';
import { OBSERVABILITY_ENV } from '@chat/runtime';

/** Whether this sandbox traces: the stage's `tracing` parameter is `Active` (env CHAT_TRACING). */
export function tracingEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[OBSERVABILITY_ENV.tracing] === 'Active';
}

type TracerModule = typeof import('@aws-lambda-powertools/tracer');

let tracer: Tracer | undefined;

/**
 * The sandbox's Powertools Tracer, loaded on first use only: when tracing is off (the default, and always on the
 * local stack) neither it nor the X-Ray SDK is loaded at all.
 */
function sandboxTracer(): Tracer {
  if (!tracer) {
    // Loaded here, not imported at the top: the X-Ray SDK costs a cold start nothing while tracing is off.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const powertools = require('@aws-lambda-powertools/tracer') as TracerModule;
    tracer = new powertools.Tracer({ enabled: true });
  }
  return tracer;
}

/**
 * An AWS SDK v3 client, captured by the Tracer when tracing is on (each call becomes an X-Ray subsegment of the
 * invocation), as it is otherwise. Wrap every client where it is built once: `traced(new SNSClient({}))`.
 */
export function traced<T extends object>(client: T): T {
  return tracingEnabled() ? sandboxTracer().captureAWSv3Client(client) : client;
}
