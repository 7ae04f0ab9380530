import { describeReferenceMonth, referenceMonth } from './month';
import { PRICES, PRICES_AS_OF, PRICES_REGION } from './prices';
import type { ScenarioUsage } from '../support/usage';
import { costOf } from './usage';

/** One scenario's runs: the median run (by DynamoDB calls) and the spread of the calls. */
export interface ScenarioResult {
  name: string;
  description: string;
  runs: ScenarioUsage[];
}

const invocationsOf = (usage: ScenarioUsage) => Object.values(usage.invocations).reduce((a, b) => a + b, 0);
const units = (value: number) => {
  const rounded = Math.round(value * 10) / 10;
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
};
const dollars = (value: number) => `$${value.toFixed(value >= 100 ? 0 : 2)}`;
/** A price per million, as written on the pricing pages. */
const perMillion = (price: number) => `$${Number((price * 1e6).toPrecision(6))}/M`;

/** The run in the middle by DynamoDB calls (the lower middle of an even count). */
export function medianRun(runs: readonly ScenarioUsage[]): ScenarioUsage {
  const sorted = [...runs].sort((a, b) => a.dynamodb.calls - b.dynamodb.calls);
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  if (!median) throw new Error('no runs');
  return median;
}

/**
 * Where the scenario's CPU went on this machine, ms: the functions' own threads (exact: their invocations and
 * inits), then the main thread, the whole stack process and the JVM over the scenario's window, which includes the
 * quiet seconds it waits for and the stack's background work.
 */
export function cpuLine(usage: ScenarioUsage): string {
  const functions = Object.values(usage.lambda).reduce((sum, l) => sum + l.cpuMs + l.initCpuMs, 0);
  const { processMs, mainThreadMs, dynamodbLocalMs } = usage.cpu;
  return (
    `functions ${functions.toFixed(1)} ms; over the scenario's whole window, the stack's idle work included: ` +
    `local cloud main thread ${mainThreadMs.toFixed(1)} ms, stack process ${processMs.toFixed(1)} ms (all threads), ` +
    `DynamoDB Local ${dynamodbLocalMs.toFixed(0)} ms`
  );
}

function scenarioLines({ name, description, runs }: ScenarioResult): string[] {
  const usage = medianRun(runs);
  const calls = runs.map((r) => r.dynamodb.calls);
  const { dynamodb: d, webSocket: ws } = usage;
  const lines = [
    `${name}: ${description} (median of ${runs.length} runs; DynamoDB calls ${Math.min(...calls)}–${Math.max(...calls)})`,
    `  DynamoDB ${d.calls} calls, ${d.writes} writes, ${units(d.readUnits)} RRU, ${units(d.writeUnits)} WRU` +
      (d.conditionFailed > 0 ? `, ${d.conditionFailed} failed conditions` : ''),
  ];
  for (const [call, c] of Object.entries(d.byCall).sort(([a], [b]) => a.localeCompare(b))) {
    const consumed = c.writeUnits > 0 ? `${units(c.writeUnits)} WRU` : `${units(c.readUnits)} RRU`;
    lines.push(`    ${call.padEnd(62)} ${String(c.calls).padStart(3)}  ${consumed}`);
  }
  const functions = Object.entries(usage.invocations)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([fn, count]) => `${fn} ${count}`)
    .join(', ');
  lines.push(
    `  Lambda ${invocationsOf(usage)} invocations (${functions || 'none'}), ${usage.gbSeconds.toFixed(3)} GB-s`,
    `  CPU here: ${cpuLine(usage)}`,
    `  PutEvents entries ${usage.putEventsEntries}; WebSocket: ${ws.connects} connects, ${ws.clientMessages} client messages, ` +
      `${ws.posts} @connections posts; HTTP API requests ${usage.httpRequests}; SNS publishes ${usage.snsPublishes}`,
    `  cost ${dollars(costOf(usage).total * 1_000_000)} per million`,
  );
  return lines;
}

function summaryTable(results: readonly ScenarioResult[]): string[] {
  const header = [
    'scenario',
    'calls',
    'writes',
    'RRU',
    'WRU',
    'invocations',
    'entries',
    'posts',
    'SNS',
    '$/million',
  ];
  const rows = results.map(({ name, runs }) => {
    const u = medianRun(runs);
    return [
      name,
      String(u.dynamodb.calls),
      String(u.dynamodb.writes),
      units(u.dynamodb.readUnits),
      units(u.dynamodb.writeUnits),
      String(invocationsOf(u)),
      String(u.putEventsEntries),
      String(u.webSocket.posts),
      String(u.snsPublishes),
      dollars(costOf(u).total * 1_000_000),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const format = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ');
  return [format(header), ...rows.map(format)];
}

function monthLines(results: readonly ScenarioResult[], roomSize: number): string[] {
  const month = referenceMonth(new Map(results.map((r) => [r.name, medianRun(r.runs)])));
  const services = (cost: (typeof month)['total']) =>
    `DynamoDB ${dollars(cost.dynamoDb)}, Lambda ${dollars(cost.lambda)} + ${dollars(cost.lambdaDuration)} GB-s, EventBridge ${dollars(cost.eventBridge)}, ` +
    `WebSocket API ${dollars(cost.webSocket)}, HTTP API ${dollars(cost.httpApi)}, SNS ${dollars(cost.sns)}`;
  return [
    `reference month: ${describeReferenceMonth(roomSize)}`,
    ...month.lines.map(
      (line) =>
        `  ${line.scenario.padEnd(20)} ${line.count.toLocaleString('en-US').padStart(13)} × → ${dollars(line.cost.total).padStart(9)}`,
    ),
    `  total ${dollars(month.total.total)} a month (${dollars(month.total.total - month.total.lambdaDuration)} without Lambda GB-s): ${services(month.total)}`,
    `prices (${PRICES_REGION}, on-demand list prices as of ${PRICES_AS_OF}, no free tier; tools/bench/src/cost/prices.ts): ` +
      `DynamoDB ${perMillion(PRICES.dynamoDbWriteRequestUnit)} WRU, ${perMillion(PRICES.dynamoDbReadRequestUnit)} RRU; ` +
      `Lambda arm64 ${perMillion(PRICES.lambdaRequest)} requests + $${PRICES.lambdaGbSecond}/GB-s; ` +
      `EventBridge ${perMillion(PRICES.eventBridgePutEventsEntry)} entries; ` +
      `WebSocket ${perMillion(PRICES.webSocketMessage)} messages + ${perMillion(PRICES.webSocketConnectionMinute)} connection minutes; ` +
      `HTTP API ${perMillion(PRICES.httpApiRequest)} requests; SNS ${perMillion(PRICES.snsPublish)} publishes (deliveries extra)`,
    'GB-s are the invocations’ local wall time (on a shared machine: an upper bound) times their configured memory.',
  ];
}

export function formatCostReport(
  title: string,
  results: readonly ScenarioResult[],
  roomSize: number,
): string {
  return [
    title,
    '',
    ...results.flatMap((result) => [...scenarioLines(result), '']),
    ...summaryTable(results),
    '',
    ...monthLines(results, roomSize),
  ].join('\n');
}
