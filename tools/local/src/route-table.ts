import { routeSelectionExpressionOf } from './cloud/websocket-api/route-selection';
import type { LoadedService } from './services/model';

/** Rows as lines, each column padded to its widest cell. */
function aligned(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    `  ${row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ')}`.trimEnd(),
  );
}

function section(title: string, rows: string[][]): string[] {
  return [title, ...(rows.length === 0 ? ['  (none)'] : aligned(rows))];
}

/**
 * What `npm start -- --routes` (or `LOG_LEVEL=debug`) prints: every HTTP route, WebSocket route, EventBridge
 * rule and stream mapping the local cloud serves, each with the function (`<service>.<function key>`, the key
 * under `functions` in that service's serverless.ts) it invokes.
 */
export function formatRouteTable(services: readonly LoadedService[]): string {
  const http = services.flatMap((s) =>
    s.httpRoutes.map((r) => [r.method, r.path, r.authorizer ? 'jwt' : '', `→ ${r.functionName}`]),
  );
  const webSocket = services.flatMap((s) =>
    s.webSocketRoutes.map((r) => [r.routeKey, `→ ${r.functionName}`]),
  );
  const rules = services.flatMap((s) =>
    s.rules.map((r) => [
      r.name,
      `bus ${r.eventBusName}`,
      `→ ${r.targets.join(', ')}`,
      JSON.stringify(r.pattern),
    ]),
  );
  const streams = services.flatMap((s) =>
    s.streams.map((m) => [m.tableName, `batch ${m.batchSize}`, m.startingPosition, `→ ${m.functionName}`]),
  );
  return [
    ...section('HTTP API routes', http),
    ...section(`WebSocket API routes (route selection ${routeSelectionExpressionOf(services)})`, webSocket),
    ...section('EventBridge rules (name, bus, target, pattern)', rules),
    ...section('DynamoDB Streams mappings', streams),
  ].join('\n');
}
