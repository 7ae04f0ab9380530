import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { ConnectionInfo } from './events';

/**
 * The connections the local WebSocket API holds open, kept in a file as they open and close. API Gateway runs
 * `$disconnect` for every connection that ends, also when the client just vanishes; a local API killed with its
 * process cannot, so on its next start it reads this file and runs `$disconnect` for each connection that was
 * open then (code 1006, as for a connection lost without a close frame).
 */
export interface ConnectionJournal {
  opened(info: ConnectionInfo): void;
  closed(connectionId: string): void;
  /** The connections the previous run left open (read once, at start). */
  leftOpen(): ConnectionInfo[];
}

export function connectionJournal(file: string): ConnectionJournal {
  const open = new Map<string, ConnectionInfo>();
  const previous = readJournal(file);
  const save = () => {
    // Written whole and renamed into place: a kill mid-write leaves the previous version, never half a file.
    const temporary = `${file}.tmp`;
    writeFileSync(temporary, JSON.stringify([...previous, ...open.values()]));
    renameSync(temporary, file);
  };
  return {
    opened(info) {
      open.set(info.connectionId, info);
      save();
    },
    closed(connectionId) {
      const index = previous.findIndex((info) => info.connectionId === connectionId);
      if (index >= 0) previous.splice(index, 1);
      if (open.delete(connectionId) || index >= 0) save();
    },
    leftOpen: () => [...previous],
  };
}

function readJournal(file: string): ConnectionInfo[] {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return Array.isArray(parsed) ? parsed.filter(isConnectionInfo) : [];
  } catch {
    return [];
  }
}

function isConnectionInfo(value: unknown): value is ConnectionInfo {
  const info = value as Partial<ConnectionInfo> | null;
  return typeof info?.connectionId === 'string' && typeof info.connectedAt === 'number';
}
