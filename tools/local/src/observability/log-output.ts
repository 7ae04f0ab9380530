import { emfOf, type LocalMetrics } from './metrics';

/** How the stack prints the functions' log lines: as Lambda writes them (`json`), or readably (`pretty`). */
export type LogFormat = 'json' | 'pretty';

const LEVEL_LABEL: Record<string, string> = { debug: 'DEBUG', info: 'INFO ', warn: 'WARN ', error: 'ERROR' };

/** Keys a pretty line shows in its head, not among the fields. */
const HEAD_KEYS = new Set([
  'level',
  'message',
  'timestamp',
  'service',
  'function',
  'function_name',
  'function_request_id',
  'cold_start',
  'xray_trace_id',
]);

function fieldText(value: unknown): string {
  if (typeof value === 'string') return /\s/.test(value) ? JSON.stringify(value) : value;
  return JSON.stringify(value);
}

/**
 * One log entry for people: `12:00:01.234 WARN  chat-rooms/createRoom message key=value …`, and an error's stack
 * on the lines below it. A line that is not a JSON log entry is returned as it is.
 */
export function prettyLogLine(line: string): string {
  let entry: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(line);
    if (typeof parsed !== 'object' || parsed === null || !('level' in parsed) || !('message' in parsed))
      return line;
    entry = parsed as Record<string, unknown>;
  } catch {
    return line;
  }
  const time = typeof entry.timestamp === 'string' ? entry.timestamp.slice(11, 23) : '';
  const level = LEVEL_LABEL[String(entry.level).toLowerCase()] ?? String(entry.level).toUpperCase();
  const where = [entry.service, entry.function].filter((part) => typeof part === 'string').join('/');
  const fields: string[] = [];
  const stacks: string[] = [];
  for (const [key, value] of Object.entries(entry)) {
    if (HEAD_KEYS.has(key) || value === undefined) continue;
    if (value && typeof value === 'object' && 'stack' in value && typeof value.stack === 'string') {
      const { stack, ...rest } = value as { stack: string };
      fields.push(`${key}=${fieldText({ ...rest, location: undefined })}`);
      stacks.push(`    ${stack.split('\n').join('\n    ')}`);
      continue;
    }
    fields.push(`${key}=${fieldText(value)}`);
  }
  const head = [time, level, where, String(entry.message)].filter((part) => part !== '').join(' ');
  return [fields.length > 0 ? `${head}  ${fields.join(' ')}` : head, ...stacks].join('\n');
}

export interface FunctionOutputOptions {
  format: LogFormat;
  metrics: LocalMetrics;
  /** Print the EMF lines too (LOG_LEVEL=debug): by default they go to `GET /_local/metrics` only. */
  printMetrics: boolean;
  write: (text: string) => void;
}

/**
 * What happens to each line a function prints: an EMF line is recorded as metrics (and printed only when asked),
 * any other line is printed, one line per entry, as it came or pretty.
 */
export function functionOutput(options: FunctionOutputOptions): (line: string) => void {
  return (line) => {
    const emf = emfOf(line);
    if (emf) {
      options.metrics.record(emf);
      if (!options.printMetrics) return;
    }
    options.write(`${options.format === 'pretty' && !emf ? prettyLogLine(line) : line}\n`);
  };
}
