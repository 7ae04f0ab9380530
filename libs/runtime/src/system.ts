import { ulid } from 'ulid';

/** The time, as a port: use cases take a `Clock` so tests can fix it. */
export interface Clock {
  now(): Date;
}

/** New unique ids, as a port: use cases take an `IdGenerator` so tests can script it. */
export interface IdGenerator {
  next(): string;
}

export const systemClock: Clock = { now: () => new Date() };

/** ULIDs: unique, and sortable by creation time to the millisecond. */
export const ulidIds: IdGenerator = { next: () => ulid() };
