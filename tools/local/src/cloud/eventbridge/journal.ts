import { appendFileSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { EventBridgeEvent } from './types';

/** One accepted delivery: an event for one target of one matched rule. */
export interface JournalEntry {
  event: EventBridgeEvent;
  rule: string;
  target: string;
}

/**
 * What EventBridge has accepted and not yet delivered, kept in a file: a line per accepted delivery, written before
 * PutEvents answers, and a line when it has run its course (succeeded, or failed every attempt). EventBridge does
 * not lose an event it accepted; a local one killed with its process would, so on its next start it delivers
 * again what the previous run had not finished (at least once, as EventBridge: consumers are idempotent).
 */
export interface DeliveryJournal {
  accepted(entries: readonly JournalEntry[]): void;
  settled(entry: JournalEntry): void;
  /** What the previous run accepted and did not finish (read once, at start). */
  unfinished(): JournalEntry[];
}

/** The file is emptied once nothing is pending and it has grown past this. */
const COMPACT_AFTER_BYTES = 1024 * 1024;

const keyOf = (entry: JournalEntry) => `${entry.event.id}|${entry.rule}|${entry.target}`;

export function deliveryJournal(file: string): DeliveryJournal {
  const left = readUnfinished(file);
  // Compacted at start: only what is still to deliver, written whole and renamed into place.
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, left.map((entry) => `${JSON.stringify({ add: entry })}\n`).join(''));
  renameSync(temporary, file);
  // Deliveries accepted and not settled, and bytes written: once nothing is pending the file starts over.
  const open = new Set(left.map(keyOf));
  let written = 0;
  const append = (text: string) => {
    appendFileSync(file, text);
    written += text.length;
  };
  return {
    accepted(entries) {
      if (entries.length === 0) return;
      for (const entry of entries) open.add(keyOf(entry));
      append(entries.map((entry) => `${JSON.stringify({ add: entry })}\n`).join(''));
    },
    settled(entry) {
      open.delete(keyOf(entry));
      if (open.size === 0 && written > COMPACT_AFTER_BYTES) {
        writeFileSync(file, '');
        written = 0;
        return;
      }
      append(`${JSON.stringify({ done: keyOf(entry) })}\n`);
    },
    unfinished: () => [...left],
  };
}

function readUnfinished(file: string): JournalEntry[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const pending = new Map<string, JournalEntry>();
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let record: { add?: JournalEntry; done?: string };
    try {
      record = JSON.parse(line) as typeof record;
    } catch {
      continue; // a line cut short by a kill: its delivery was not acknowledged
    }
    if (record.add?.event?.id !== undefined) pending.set(keyOf(record.add), record.add);
    if (typeof record.done === 'string') pending.delete(record.done);
  }
  return [...pending.values()];
}
