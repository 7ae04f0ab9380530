import { Metrics as PowertoolsMetrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { COMMON_ENV } from './env-names';

/**
 * The application metrics, one name each (CloudWatch namespace `Chat/<stage>`, dimension `service`). The alarms
 * and the dashboard (libs/serverless-config `observability`) and docs/operations.md name them from here.
 */
export const METRIC = {
  /** A message stored (REST or WebSocket send; a replayed clientMessageId is not counted again). */
  messagesStored: 'MessagesStored',
  /** A frame posted to a connection (API Gateway answered 2xx). */
  framesDelivered: 'FramesDelivered',
  /** A post answered 410: the connection was gone (its record is cleaned up). */
  goneConnections: 'GoneConnections',
  /** A post that failed after its retries (neither delivered nor gone). */
  framesFailed: 'FramesFailed',
  /** How long one fan-out's posts took, in milliseconds (the directory read and every post). */
  fanOutDuration: 'FanOutDuration',
  /** How many connections one fan-out posted to. */
  fanOutSize: 'FanOutSize',
  /** A push notification published to SNS. */
  notificationsSent: 'NotificationsSent',
  /** A delivery an event consumer or a stream function failed to handle (it is retried, then lands in a DLQ). */
  consumerFailures: 'ConsumerFailures',
  /** Milliseconds from an event's `occurredAt` to its consumer handling it. */
  eventAge: 'EventAge',
  /** A request or frame refused by a rate limit (429 / RATE_LIMITED). */
  rateLimited: 'RateLimited',
} as const;

export type MetricName = (typeof METRIC)[keyof typeof METRIC];

/**
 * The port use cases and handlers record metrics through (no AWS in it): counts and milliseconds, buffered per
 * invocation and written once, when the handler wrapper ends the invocation (`flushMetrics`).
 */
export interface Metrics {
  /** Adds `value` (default 1) to the counter `name`. */
  count(name: MetricName, value?: number): void;
  /** Records one duration of `name`, in milliseconds. */
  milliseconds(name: MetricName, value: number): void;
  /** Records one value of `name` that is neither a count nor a duration (a size, a number of connections). */
  value(name: MetricName, value: number): void;
}

/** Records nothing: for code paths (and tests) that measure nothing. */
export const noMetrics: Metrics = {
  count: () => undefined,
  milliseconds: () => undefined,
  value: () => undefined,
};

/** The stage's namespace: `Chat/<stage>` (env STAGE; POWERTOOLS_METRICS_NAMESPACE wins when set). */
export function metricsNamespace(env: NodeJS.ProcessEnv = process.env): string {
  return env.POWERTOOLS_METRICS_NAMESPACE || `Chat/${env[COMMON_ENV.stage] || 'dev'}`;
}

let sandbox: PowertoolsMetrics | undefined;

function powertools(): PowertoolsMetrics {
  sandbox ??= new PowertoolsMetrics({
    namespace: metricsNamespace(),
    ...(process.env[COMMON_ENV.serviceName] ? { serviceName: process.env[COMMON_ENV.serviceName] } : {}),
  });
  return sandbox;
}

/**
 * The sandbox's metrics (Powertools for AWS Lambda's Metrics: CloudWatch embedded metric format on stdout,
 * namespace `metricsNamespace()`, dimension `service` from env SERVICE_NAME).
 */
export const metrics: Metrics = {
  count: (name, value = 1) => powertools().addMetric(name, MetricUnit.Count, value),
  milliseconds: (name, value) => powertools().addMetric(name, MetricUnit.Milliseconds, value),
  value: (name, value) => powertools().addMetric(name, MetricUnit.Count, value),
};

/** Writes what the invocation recorded as one EMF line (nothing when it recorded nothing). */
export function flushMetrics(): void {
  if (sandbox?.hasStoredMetrics()) sandbox.publishStoredMetrics();
}

/**
 * Counts one refusal by a rate limit (`RateLimited`): what the rate limiter calls when it answers 429 or a
 * RATE_LIMITED frame. The count is written with the invocation's other metrics.
 */
export function countRateLimited(recorder: Metrics = metrics): void {
  recorder.count(METRIC.rateLimited);
}

/** A Metrics that keeps what it is given (tests): `recorded.MessagesStored` is the list of values. */
export function recordingMetrics(): Metrics & { recorded: Partial<Record<MetricName, number[]>> } {
  const recorded: Partial<Record<MetricName, number[]>> = {};
  const add = (name: MetricName, value: number) => (recorded[name] ??= []).push(value);
  return {
    recorded,
    count: (name, value = 1) => add(name, value),
    milliseconds: add,
    value: add,
  };
}
