import type { LoadTimings } from './load';
import type { RunSummary } from './recorder';

export interface RunResult {
  name: string;
  summary: RunSummary;
  timings: LoadTimings;
}

const fmt = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : '-');

/** Deliveries per second, from the first send to the last delivery (or the end of the drain). */
export function throughput(result: RunResult): number {
  const seconds = result.timings.sendSeconds + result.timings.drainSeconds;
  return seconds > 0 ? result.summary.delivered / seconds : Number.NaN;
}

/** The benchmark's table: one column per run and, with two runs, the ratio first/second. */
export function formatReport(header: string, results: readonly RunResult[]): string {
  // label, value, decimals, whether a ratio of the two runs means something
  const rows: [string, (r: RunResult) => number, number, boolean][] = [
    ['messages sent', (r) => r.summary.sent, 0, false],
    ['messages stored (acked)', (r) => r.summary.stored, 0, false],
    ['send failures', (r) => r.summary.sendFailures, 0, false],
    ['deliveries expected', (r) => r.summary.expected, 0, false],
    ['delivered', (r) => r.summary.delivered, 0, true],
    ['lost', (r) => r.summary.lost, 0, false],
    ['duplicated', (r) => r.summary.duplicated, 0, false],
    ['latency p50 (ms)', (r) => r.summary.latencyMs.p50, 1, true],
    ['latency p95 (ms)', (r) => r.summary.latencyMs.p95, 1, true],
    ['latency p99 (ms)', (r) => r.summary.latencyMs.p99, 1, true],
    ['latency max (ms)', (r) => r.summary.latencyMs.max, 1, true],
    ['sending took (s)', (r) => r.timings.sendSeconds, 1, false],
    ['drain after sending (s)', (r) => r.timings.drainSeconds, 1, false],
    ['deliveries per second', throughput, 0, true],
  ];
  const ratioLabel = results.length === 2 ? `ratio ${results[0]?.name}/${results[1]?.name}` : undefined;
  const head = ['', ...results.map((r) => r.name), ...(ratioLabel ? [ratioLabel] : [])];
  const lines = rows.map(([label, value, digits, comparable]) => {
    const values = results.map(value);
    const cells = values.map((v) => fmt(v, digits));
    if (ratioLabel) {
      const [a, b] = values;
      cells.push(comparable && a !== undefined && b !== undefined && b !== 0 ? fmt(a / b, 2) : '');
    }
    return [label, ...cells];
  });
  const widths = head.map((_, column) =>
    Math.max(...[head, ...lines].map((line) => (line[column] ?? '').length)),
  );
  const render = (line: string[]) =>
    line
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[0] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ');
  const notes = results
    .filter((r) => !r.timings.drained)
    .map((r) => `note: ${r.name} still missed ${r.summary.lost} deliveries when the drain ended`);
  return [header, render(head), ...lines.map(render), ...notes].join('\n');
}
