/**
 * The environment variables every function gets from the shared provider block (libs/serverless-config), named
 * once here for the code that reads them and the `serverless.ts` files that set them.
 */
export const COMMON_ENV = {
  serviceName: 'SERVICE_NAME',
  stage: 'STAGE',
  logLevel: 'LOG_LEVEL',
  nodeOptions: 'NODE_OPTIONS',
  /** The stage's event bus: chat-auth's own; a compose param in the services attached to it. */
  eventBusName: 'EVENT_BUS_NAME',
} as const;

/** What a service's `GET /health/<service>` reads to tell whether its table answers (set by `healthRoute`). */
export const HEALTH_ENV = {
  /** The table read. */
  probeTable: 'HEALTH_PROBE_TABLE',
  /** The JSON key of an item it reads (which need not exist). */
  probeKey: 'HEALTH_PROBE_KEY',
} as const;

/** What `withObservability` (libs/serverless-config) sets for the metrics and the tracer. */
export const OBSERVABILITY_ENV = {
  /** `Chat/<stage>`: the CloudWatch namespace of the EMF metrics (Powertools Metrics reads it). */
  metricsNamespace: 'POWERTOOLS_METRICS_NAMESPACE',
  /** The stage's `tracing` parameter: `Active` turns the Tracer on (X-Ray), anything else leaves it off. */
  tracing: 'CHAT_TRACING',
} as const;
