import { percentile } from '../support/stats';
/**
 * Counts what a run sent and what each receiver got: deliveries of stored messages, losses (a stored message a
 * receiver never got), duplicates (a receiver got the same message again), and send→deliver latencies.
 * Times are `performance.now()` of this process, which both sends and receives.
 */
export class DeliveryRecorder {
  private readonly sentAt = new Map<string, number>();
  private readonly stored = new Set<string>();
  private readonly received = new Map<string, Set<number>>();
  private readonly latencies: number[] = [];
  private duplicates = 0;
  private strays = 0;
  sendFailures = 0;

  constructor(readonly receivers: number) {}

  /** A message is about to be sent. */
  sending(key: string, at: number): void {
    this.sentAt.set(key, at);
  }

  /** The backend confirmed it stored the message (201 / ack): every receiver should get it. */
  storedMessage(key: string): void {
    this.stored.add(key);
  }

  failed(): void {
    this.sendFailures += 1;
  }

  /** Receiver `receiver` got the message `key` at `at`. */
  delivered(key: string, receiver: number, at: number): void {
    const sentAt = this.sentAt.get(key);
    if (sentAt === undefined) {
      this.strays += 1;
      return;
    }
    let receivers = this.received.get(key);
    if (!receivers) this.received.set(key, (receivers = new Set()));
    if (receivers.has(receiver)) {
      this.duplicates += 1;
      return;
    }
    receivers.add(receiver);
    this.latencies.push(at - sentAt);
  }

  /** Deliveries of stored messages still missing. */
  missing(): number {
    let missing = 0;
    for (const key of this.stored) missing += this.receivers - (this.received.get(key)?.size ?? 0);
    return missing;
  }

  /** Unique deliveries so far (of any sent message). */
  deliveredCount(): number {
    return this.latencies.length;
  }

  summary(): RunSummary {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    return {
      sent: this.sentAt.size,
      stored: this.stored.size,
      sendFailures: this.sendFailures,
      expected: this.stored.size * this.receivers,
      delivered: sorted.length,
      lost: this.missing(),
      duplicated: this.duplicates,
      strays: this.strays,
      latencyMs: {
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        p99: percentile(sorted, 99),
        max: sorted.length > 0 ? (sorted[sorted.length - 1] ?? 0) : Number.NaN,
      },
    };
  }
}

export interface RunSummary {
  sent: number;
  stored: number;
  sendFailures: number;
  expected: number;
  delivered: number;
  lost: number;
  duplicated: number;
  /** Frames for messages this run did not send (should be 0). */
  strays: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
}
