import { appendFileSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { ConnectionInfo } from './events';

/**
 * The connections the local WebSocket API holds open, kept in a file as they open and close. API Gateway runs
 * `$disconnect` for every connection that ends, also when the client just vanishes; a local API killed with its
 * process cannot, so on its next start it reads this file and runs `$disconnect` for each connection that was
 * open then (code 1006, as for a connection lost without a close frame).
 *
 * A line per open (`{"open":{…}}`) and per close (`{"closed":"<id>"}`), appended: an open or a close costs the
 * same with 10 or 10,000 connections open. The file is compacted (rewritten with what is still open, renamed
 * into place) at start and once it has grown past COMPACT_AFTER_BYTES.
 */
export interface ConnectionJournal {
  opened(info: ConnectionInfo): void;
  closed(connectionId: string): void;
  /** The connections the previous run left open (read once, at start). */
  leftOpen(): ConnectionInfo[];
}

/** Past this many bytes appended, the next close rewrites the file with only what is open. */
const COMPACT_AFTER_BYTES = 1024 * 1024;

const openLine = (info: ConnectionInfo) => `${JSON.stringify({ open: info })}\n`;

export function connectionJournal(file: string): ConnectionJournal {
  const open = new Map<string, ConnectionInfo>();
  const previous = readJournal(file);
  let written = 0;
  const compact = () => {
    // Written whole and renamed into place: a kill mid-write leaves the previous version, never half a file.
    const temporary = `${file}.tmp`;
    writeFileSync(temporary, [...previous, ...open.values()].map(openLine).join(''));
    renameSync(temporary, file);
    written = 0;
  };
  const append = (line: string) => {
    appendFileSync(file, line);
    written += line.length;
  };
  compact();
  return {
    opened(info) {
      open.set(info.connectionId, info);
      append(openLine(info));
    },
    closed(connectionId) {
      const index = previous.findIndex((info) => info.connectionId === connectionId);
      if (index >= 0) previous.splice(index, 1);
      if (!open.delete(connectionId) && index < 0) return;
      if (written > COMPACT_AFTER_BYTES) compact();
      else append(`${JSON.stringify({ closed: connectionId })}\n`);
    },
    leftOpen: () => [...previous],
  };
}

/** The connections open at the file's end, in the order they opened (lines that cannot be read are skipped). */
function readJournal(file: string): ConnectionInfo[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const open = new Map<string, ConnectionInfo>();
  for (const line of text.split('\n')) {
    let entry: { open?: unknown; closed?: unknown } | null;
    try {
      entry = JSON.parse(line) as { open?: unknown; closed?: unknown } | null;
    } catch {
      continue;
    }
    if (isConnectionInfo(entry?.open)) open.set(entry.open.connectionId, entry.open);
    else if (typeof entry?.closed === 'string') open.delete(entry.closed);
  }
  return [...open.values()];
}

function isConnectionInfo(value: unknown): value is ConnectionInfo {
  const info = value as Partial<ConnectionInfo> | null;
  return typeof info?.connectionId === 'string' && typeof info.connectedAt === 'number';
}
