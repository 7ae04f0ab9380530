import { performance } from 'node:perf_hooks';
import { sleep } from '../support/concurrency';
import type { DeliveryRecorder } from './recorder';

/** A system under test: sends one message as one of its users; resolves whether it was stored. */
export interface LoadTarget {
  readonly name: string;
  send(senderIndex: number, key: string): Promise<boolean>;
}

export interface LoadTimings {
  /** Seconds from the first send to the last send's answer. */
  sendSeconds: number;
  /** Seconds from then until every delivery arrived (or the drain gave up). */
  drainSeconds: number;
  /** False when the drain deadline passed with deliveries still missing. */
  drained: boolean;
}

/** More unanswered sends than this and the sender waits (the run then reports a lower achieved rate). */
const MAX_IN_FLIGHT = 256;
/** The drain gives up early when nothing new arrived for this long. */
const DRAIN_IDLE_MS = 20_000;

/**
 * Sends `rate` messages per second for `durationSeconds` (message i at t0 + i/rate, users taking turns), each
 * tagged with a unique key, then waits for the deliveries still missing: until none is, nothing new arrived for
 * 20 s, or `drainSeconds` passed.
 */
export async function runLoad(
  target: LoadTarget,
  recorder: DeliveryRecorder,
  options: { users: number; rate: number; durationSeconds: number; drainSeconds: number; runId: string },
  log: (line: string) => void,
): Promise<LoadTimings> {
  const total = options.rate * options.durationSeconds;
  const intervalMs = 1000 / options.rate;
  const inFlight = new Set<Promise<void>>();
  const start = performance.now();
  let lastReport = start;
  for (let i = 0; i < total; i += 1) {
    const due = start + i * intervalMs;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    while (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
    const key = `${options.runId}-${i}`;
    recorder.sending(key, performance.now());
    const sending = target
      .send(i % options.users, key)
      .then((stored) => (stored ? recorder.storedMessage(key) : recorder.failed()))
      .catch(() => recorder.failed())
      .finally(() => inFlight.delete(sending));
    inFlight.add(sending);
    if (performance.now() - lastReport > 5000) {
      lastReport = performance.now();
      log(`  ${target.name}: ${i + 1}/${total} sent, ${recorder.deliveredCount()} delivered`);
    }
  }
  await Promise.all(inFlight);
  const sent = performance.now();
  const drainDeadline = sent + options.drainSeconds * 1000;
  let lastCount = recorder.deliveredCount();
  let lastProgress = sent;
  while (recorder.missing() > 0 && performance.now() < drainDeadline) {
    await sleep(100);
    const count = recorder.deliveredCount();
    if (count !== lastCount) {
      lastCount = count;
      lastProgress = performance.now();
    } else if (performance.now() - lastProgress > DRAIN_IDLE_MS) {
      break;
    }
  }
  const drained = recorder.missing() === 0;
  return {
    sendSeconds: (sent - start) / 1000,
    drainSeconds: (performance.now() - sent) / 1000,
    drained,
  };
}
