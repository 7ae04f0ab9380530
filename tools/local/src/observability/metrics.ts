/**
 * The local CloudWatch: the functions' embedded-metric-format lines (Powertools Metrics writes one per invocation
 * that recorded something) gathered since the stack started, and served at `GET /_local/metrics`.
 */

/** The path of the metrics summary on the HTTP API's port. */
export const METRICS_PATH = '/_local/metrics';

/** One metric's values since start: how many samples, their sum and spread. */
export interface MetricSummary {
  unit: string;
  /** Samples recorded (a count of 3 recorded at once is one sample of 3). */
  samples: number;
  sum: number;
  min: number;
  max: number;
  p50: number;
  p95: number;
  p99: number;
  /** The sum per `service` dimension. */
  byService: Record<string, number>;
}

/** The body of `GET /_local/metrics`. */
export interface MetricsResponse {
  since: string;
  namespaces: string[];
  metrics: Record<string, MetricSummary>;
}

interface Series {
  unit: string;
  values: number[];
  byService: Map<string, number>;
}

interface EmfDocument {
  _aws?: {
    CloudWatchMetrics?: { Namespace?: string; Metrics?: { Name?: string; Unit?: string }[] }[];
  };
  [key: string]: unknown;
}

/** The EMF document a line holds, or undefined when it is not one (a log line, text). */
export function emfOf(line: string): EmfDocument | undefined {
  if (!line.startsWith('{') || !line.includes('"_aws"')) return undefined;
  try {
    const parsed = JSON.parse(line) as EmfDocument;
    return Array.isArray(parsed._aws?.CloudWatchMetrics) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The value at the given rank (nearest-rank percentile) of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export class LocalMetrics {
  private readonly since = new Date().toISOString();
  private readonly series = new Map<string, Series>();
  private readonly namespaces = new Set<string>();

  /** Takes one EMF document: every metric it defines, with its value or values. */
  record(document: EmfDocument): void {
    const service = typeof document.service === 'string' ? document.service : 'unknown';
    for (const directive of document._aws?.CloudWatchMetrics ?? []) {
      if (directive.Namespace) this.namespaces.add(directive.Namespace);
      for (const { Name: name, Unit: unit = 'None' } of directive.Metrics ?? []) {
        if (!name) continue;
        const raw = document[name];
        const values = (Array.isArray(raw) ? raw : [raw]).filter((v): v is number => typeof v === 'number');
        if (values.length === 0) continue;
        let series = this.series.get(name);
        if (!series) {
          series = { unit, values: [], byService: new Map() };
          this.series.set(name, series);
        }
        series.values.push(...values);
        const sum = values.reduce((a, b) => a + b, 0);
        series.byService.set(service, (series.byService.get(service) ?? 0) + sum);
      }
    }
  }

  summary(): MetricsResponse {
    const metrics: Record<string, MetricSummary> = {};
    for (const [name, { unit, values, byService }] of [...this.series].sort(([a], [b]) =>
      a.localeCompare(b),
    )) {
      const sorted = [...values].sort((a, b) => a - b);
      metrics[name] = {
        unit,
        samples: sorted.length,
        sum: sorted.reduce((a, b) => a + b, 0),
        min: sorted[0] ?? 0,
        max: sorted.at(-1) ?? 0,
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        p99: percentile(sorted, 99),
        byService: Object.fromEntries(byService),
      };
    }
    return { since: this.since, namespaces: [...this.namespaces].sort(), metrics };
  }
}
