/**
 * AWS list prices used by `npm run bench:cost`: us-east-1 (N. Virginia), on-demand, no free tier, no savings
 * plans, in US dollars. Taken from the services' public pricing pages as they stood on PRICES_AS_OF; check them
 * before quoting a figure (prices change, and other regions differ).
 */
export const PRICES_AS_OF = '2025-06-01';
export const PRICES_REGION = 'us-east-1';

const PER_MILLION = 1 / 1_000_000;

export const PRICES = {
  /** DynamoDB on-demand, standard table class (since the 2024-11-01 cut). */
  dynamoDbWriteRequestUnit: 0.625 * PER_MILLION,
  dynamoDbReadRequestUnit: 0.125 * PER_MILLION,
  /** Lambda, arm64 (the functions' architecture, libs/serverless-config). */
  lambdaRequest: 0.2 * PER_MILLION,
  lambdaGbSecond: 0.0000133334,
  /** EventBridge custom events: per PutEvents entry (64 KB chunks; our entries are far smaller). */
  eventBridgePutEventsEntry: 1.0 * PER_MILLION,
  /** API Gateway WebSocket: messages (32 KB increments; first billion a month) and connection minutes. */
  webSocketMessage: 1.0 * PER_MILLION,
  webSocketConnectionMinute: 0.25 * PER_MILLION,
  /** API Gateway HTTP API: requests (512 KB increments; first 300 million a month). */
  httpApiRequest: 1.0 * PER_MILLION,
  /** SNS standard topics: publishes (64 KB chunks). Deliveries (push $0.50/M, e-mail $2/100k) come on top. */
  snsPublish: 0.5 * PER_MILLION,
} as const;
