import { Metrics as PowertoolsMetrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { COMMON_ENV } from './env-names';
import { METRIC, type MetricName } from './metric-names';

export { METRIC, type MetricName };

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
