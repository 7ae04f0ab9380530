/**
 * The functions' timeout (s) when serverless.ts sets none (libs/serverless-config's provider block uses it), and
 * so the idempotency lock of a consumer that keeps it. A service that gives its consumers another timeout passes
 * it as their lock (`processedEventsGuards(table, { lockSeconds })`, as realtime does).
 */
export const DEFAULT_CONSUMER_TIMEOUT_SECONDS = 10;
