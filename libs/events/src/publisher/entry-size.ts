import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';

/** PutEvents accepts at most 10 entries per call. */
export const maxEntriesPerCall = 10;
/** PutEvents accepts at most 256 KB per call (the sum of its entries' sizes). */
export const maxBytesPerCall = 256 * 1024;

const utf8Length = (value: string | undefined): number => (value ? Buffer.byteLength(value, 'utf8') : 0);

/**
 * The size of an entry as EventBridge counts it: 14 bytes for Time when present, plus the UTF-8 bytes
 * of Source, DetailType, Detail and each Resources ARN (EventBusName does not count).
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevent-size.html
 */
export function entrySize(entry: PutEventsRequestEntry): number {
  let size = entry.Time ? 14 : 0;
  size += utf8Length(entry.Source) + utf8Length(entry.DetailType) + utf8Length(entry.Detail);
  for (const resource of entry.Resources ?? []) size += utf8Length(resource);
  return size;
}

/**
 * Splits items, in order, into batches of at most `maxEntriesPerCall` entries and `maxBytesPerCall`
 * bytes. Every item must itself fit in `maxBytesPerCall`.
 */
export function splitIntoBatches<T>(items: readonly T[], sizeOf: (item: T) => number): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let currentBytes = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (size > maxBytesPerCall) throw new Error(`an entry of ${size} bytes exceeds ${maxBytesPerCall} bytes`);
    if (current.length === maxEntriesPerCall || currentBytes + size > maxBytesPerCall) {
      batches.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(item);
    currentBytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
