import type { PublishedEvent } from './types';

export const DEFAULT_MAX_EVENTS = 5000;

export interface EventFilter {
  detailType?: string;
  source?: string;
}

/** The last `capacity` published events, oldest first, for tests and GET /_local/events. */
export interface EventLog {
  add(entry: PublishedEvent): void;
  /** Copies of the matching entries (deliveries as they are now), oldest first. */
  list(filter?: EventFilter): PublishedEvent[];
}

export function createEventLog(capacity = DEFAULT_MAX_EVENTS): EventLog {
  const entries: PublishedEvent[] = [];
  return {
    add(entry) {
      entries.push(entry);
      if (entries.length > capacity) entries.splice(0, entries.length - capacity);
    },
    list(filter = {}) {
      return entries
        .filter(
          ({ event }) =>
            (filter.detailType === undefined || event['detail-type'] === filter.detailType) &&
            (filter.source === undefined || event.source === filter.source),
        )
        .map((entry) => structuredClone(entry));
    },
  };
}
