import type { GroupMemory } from '../support/process-memory';
import { percentile } from '../support/stats';
import type { ScenarioUsage } from '../support/usage';

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
  usage: ScenarioUsage;
  presenceEvents: number;
}

export interface ConnectReport {
  header: string;
  loadAverage: number[];
  phases: PhaseResult[];
  /**
   * The stack's memory before and after `sockets` more were opened (`open` in all then), and its sandboxes
   * (unknown on a stack the benchmark did not start).
   */
  memory?: {
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
  const { dynamodb } = phase.usage;
  const invocations = Object.values(phase.usage.invocations).reduce((a, b) => a + b, 0);
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
    per(dynamodb.calls, phase.count).padStart(7),
    per(dynamodb.itemsWritten, phase.count).padStart(7),
    per(dynamodb.refused, phase.count).padStart(7),
    `${per(dynamodb.readUnits, phase.count)}/${per(dynamodb.writeUnits, phase.count)}`.padStart(11),
    per(invocations, phase.count).padStart(7),
    String(phase.presenceEvents).padStart(9),
  ];
  const notes = [
    phase.refused > 0 ? `${phase.refused} refused` : '',
    phase.skipped > 0 ? `${phase.skipped} not tried (phase deadline)` : '',
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
      return `${operation} ${per(counts.calls, phase.count)} (${ms(counts.milliseconds / counts.calls)} ms each)${counts.itemsWritten > 0 ? ` (${per(counts.itemsWritten, phase.count)} items written)` : ''}${failures ? ` [failed: ${failures}]` : ''}`;
    });
  const functions = Object.entries(phase.usage.lambda)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([name, counts]) =>
        `${name} ${per(counts.invocations, phase.count)} (${ms((counts.milliseconds - counts.waitedMs) / counts.invocations)} ms run` +
        ` + ${ms(counts.waitedMs / counts.invocations)} ms waiting for a sandbox` +
        `${counts.errors > 0 ? `, ${counts.errors} failed` : ''})`,
    );
  return [
    `  ${phase.name}, per ${phase.kind}:`,
    `    DynamoDB: ${operations.join('; ') || 'none'}`,
    `    invocations: ${functions.join('; ') || 'none'}`,
  ];
}

/** The stack's resident memory per socket opened, and its sandboxes. */
function memoryLine(memory: NonNullable<ConnectReport['memory']>): string {
  const { before, with: withSockets, sockets, open } = memory;
  const perSocket = sockets === 0 ? 0 : (withSockets.totalBytes - before.totalBytes) / sockets;
  const commands = Object.entries(withSockets.byCommand)
    .map(
      ([command, bytes]) => `${command} ${mb(bytes)} (${mb(bytes - (before.byCommand[command] ?? 0))} more)`,
    )
    .join(', ');
  return `stack resident memory: ${mb(before.totalBytes)} before the non-first connects, ${mb(withSockets.totalBytes)} after them (${sockets} more sockets, ${open} open): ${(perSocket / 1024).toFixed(1)} KB per socket; function sandboxes ${before.sandboxes} → ${withSockets.sandboxes} (${commands})`;
}

/** The report: one line per phase, the stack's memory per open socket, then each phase's breakdown. */
export function formatConnectReport(report: ConnectReport): string {
  return [
    report.header,
    `load average ${report.loadAverage.map((l) => l.toFixed(2)).join(' ')}`,
    '',
    `${'phase'.padEnd(25)} ${'count'.padStart(6)} ${'per s'.padStart(7)} ${'p50/p95/p99 ms'.padStart(14)} ${'calls'.padStart(7)} ${'writes'.padStart(7)} ${'failed'.padStart(7)} ${'RCU/WCU'.padStart(11)} ${'invoc.'.padStart(7)} ${'presence'.padStart(9)}`,
    ...report.phases.map(phaseLine),
    '(calls, writes (items written), failed, RCU/WCU, invocations: per connect or disconnect, stream consumers included; presence: PresenceChanged events published in the phase)',
    '',
    report.memory
      ? memoryLine(report.memory)
      : 'stack resident memory: not measured (a stack the benchmark did not start)',
    '',
    ...report.phases.flatMap(breakdown),
  ].join('\n');
}
