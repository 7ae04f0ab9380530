import type { UsageSnapshot } from '@chat/local';
import type { GroupMemory } from '../support/process-memory';
import { percentile } from '../support/stats';

export interface PhaseResult {
  name: string;
  kind: 'connect' | 'disconnect';
  /** Sockets opened (connect) or closed (disconnect). */
  count: number;
  seconds: number;
  handshakesMs: number[];
  refused: number;
  skipped: number;
  /** What the phase cost, its consumers included (counted until the stack was quiet). */
  usage: UsageSnapshot;
  settled: boolean;
  presenceEvents: number;
}

export interface ConnectReport {
  header: string;
  loadAverage: number[];
  phases: PhaseResult[];
  /** The stack's memory before and after `sockets` more were opened (`open` in all then), and its sandboxes. */
  memory: {
    before: GroupMemory & { sandboxes: number };
    with: GroupMemory & { sandboxes: number };
    sockets: number;
    open: number;
  };
}

const per = (value: number, count: number) => (count === 0 ? '–' : (value / count).toFixed(2));
const ms = (value: number) => (Number.isNaN(value) ? '–' : value.toFixed(0));
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

function phaseLine(phase: PhaseResult): string {
  const sorted = [...phase.handshakesMs].sort((a, b) => a - b);
  const { total } = phase.usage.dynamodb;
  // A disconnect's $disconnect runs after the close handshake: the client's close time is no rate of it.
  const rate = phase.kind === 'connect' && phase.seconds > 0 ? (phase.count / phase.seconds).toFixed(0) : '–';
  const cells = [
    phase.name.padEnd(25),
    String(phase.count).padStart(6),
    rate.padStart(7),
    phase.kind === 'connect'
      ? `${ms(percentile(sorted, 50))}/${ms(percentile(sorted, 95))}/${ms(percentile(sorted, 99))}`.padStart(
          14,
        )
      : '–'.padStart(14),
    per(total.calls, phase.count).padStart(7),
    per(total.writes, phase.count).padStart(7),
    per(total.failed, phase.count).padStart(7),
    `${per(total.readUnits, phase.count)}/${per(total.writeUnits, phase.count)}`.padStart(11),
    per(phase.usage.invocations.total.count, phase.count).padStart(7),
    String(phase.presenceEvents).padStart(9),
  ];
  const notes = [
    phase.refused > 0 ? `${phase.refused} refused` : '',
    phase.skipped > 0 ? `${phase.skipped} not tried (phase deadline)` : '',
    phase.settled ? '' : 'never quiet: counts incomplete',
  ].filter(Boolean);
  return cells.join(' ') + (notes.length > 0 ? `  (${notes.join(', ')})` : '');
}

/** Per unit (connect or disconnect): each operation's calls (writes, failures) and each function's invocations. */
function breakdown(phase: PhaseResult): string[] {
  const { byOperation } = phase.usage.dynamodb;
  const operations = Object.entries(byOperation)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([operation, counts]) => {
      const failures = Object.entries(counts.errors)
        .map(([type, count]) => `${per(count, phase.count)} ${type}`)
        .join(', ');
      return `${operation} ${per(counts.calls, phase.count)} (${ms(counts.totalMs / counts.calls)} ms each)${counts.writes > 0 ? ` (${per(counts.writes, phase.count)} items written)` : ''}${failures ? ` [failed: ${failures}]` : ''}`;
    });
  const functions = Object.entries(phase.usage.invocations.byFunction)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([name, counts]) =>
        `${name} ${per(counts.count, phase.count)} (${ms((counts.totalMs - counts.waitedMs) / counts.count)} ms run` +
        ` + ${ms(counts.waitedMs / counts.count)} ms waiting for a sandbox` +
        `${counts.errors > 0 ? `, ${counts.errors} failed` : ''})`,
    );
  return [
    `  ${phase.name}, per ${phase.kind}:`,
    `    DynamoDB: ${operations.join('; ') || 'none'}`,
    `    invocations: ${functions.join('; ') || 'none'}`,
  ];
}

/** The report: one line per phase, the stack's memory per open socket, then each phase's breakdown. */
export function formatConnectReport(report: ConnectReport): string {
  const { before, with: withSockets, sockets, open } = report.memory;
  const perSocket = sockets === 0 ? 0 : (withSockets.totalBytes - before.totalBytes) / sockets;
  const commands = Object.entries(withSockets.byCommand)
    .map(
      ([command, bytes]) => `${command} ${mb(bytes)} (${mb(bytes - (before.byCommand[command] ?? 0))} more)`,
    )
    .join(', ');
  return [
    report.header,
    `load average ${report.loadAverage.map((l) => l.toFixed(2)).join(' ')}`,
    '',
    `${'phase'.padEnd(25)} ${'count'.padStart(6)} ${'per s'.padStart(7)} ${'p50/p95/p99 ms'.padStart(14)} ${'calls'.padStart(7)} ${'writes'.padStart(7)} ${'failed'.padStart(7)} ${'RCU/WCU'.padStart(11)} ${'invoc.'.padStart(7)} ${'presence'.padStart(9)}`,
    ...report.phases.map(phaseLine),
    '(calls, writes, failed, RCU/WCU, invocations: per connect or disconnect, stream consumers included; presence: PresenceChanged events published in the phase)',
    '',
    `stack resident memory: ${mb(before.totalBytes)} before the non-first connects, ${mb(withSockets.totalBytes)} after them (${sockets} more sockets, ${open} open): ${(perSocket / 1024).toFixed(1)} KB per socket; function sandboxes ${before.sandboxes} → ${withSockets.sandboxes} (${commands})`,
    '',
    ...report.phases.flatMap(breakdown),
  ].join('\n');
}
