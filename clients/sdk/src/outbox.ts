import { backoffDelay, type BackoffOptions } from './backoff.js';
import { ChatApiError, isRetryable } from './errors.js';
import type { Message } from './generated/api-types.js';
import { pause, type Pause } from './wait.js';

/** What a send carries. */
export interface Draft {
  text: string;
  threadId?: string;
  attachmentIds?: string[];
}

/** A send not stored yet: the local echo an app shows until the stored message replaces it. */
export interface PendingMessage extends Draft {
  clientMessageId: string;
  /** When it was sent locally (ISO-8601). */
  createdAt: string;
  /** `sending`: a request is under way; `waiting`: retrying after a failure (offline, 5xx, 429). */
  status: 'sending' | 'waiting';
  attempts: number;
  /** The last failure that will be retried. */
  lastError?: unknown;
}

interface Entry {
  pending: PendingMessage;
  resolve: (message: Message) => void;
  reject: (error: unknown) => void;
}

export interface OutboxOptions {
  /** Stores one message (POST with its clientMessageId: a retry of a stored one answers the same message). */
  store: (draft: Draft & { clientMessageId: string }) => Promise<Message>;
  backoff?: BackoffOptions;
  /** Told whenever the pending list changes. */
  onChange?: () => void;
}

/**
 * A room's sends, stored one at a time in the order they were made, each retried with the same
 * `clientMessageId` (so a retry of a send the server stored but whose answer was lost is stored once) until the
 * server answers: after a network failure or a 5xx with backoff, after a 429 when `Retry-After` says. A send the
 * server refuses (4xx) is dropped and its promise rejects.
 */
export class Outbox {
  private readonly queue: Entry[] = [];
  private running = false;
  private waiting: Pause | undefined;
  /** The current wait is a 429's `Retry-After`: not cut short. */
  private rateLimited = false;

  constructor(private readonly options: OutboxOptions) {}

  get pending(): PendingMessage[] {
    return this.queue.map((entry) => ({ ...entry.pending }));
  }

  add(draft: Draft, clientMessageId: string, now = new Date()): Promise<Message> {
    return new Promise<Message>((resolve, reject) => {
      this.queue.push({
        pending: { ...draft, clientMessageId, createdAt: now.toISOString(), status: 'sending', attempts: 0 },
        resolve,
        reject,
      });
      this.options.onChange?.();
      void this.run();
    });
  }

  /** Retry now (the connection is back): cuts the current backoff short, never a 429's `Retry-After`. */
  retryNow(): void {
    if (!this.rateLimited) this.waiting?.wake();
  }

  /** Stops retrying: every pending send rejects with `reason`. */
  abandon(reason: Error): void {
    for (const entry of this.queue.splice(0)) entry.reject(reason);
    this.waiting?.wake();
    this.options.onChange?.();
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (let entry = this.queue[0]; entry; entry = this.queue[0]) await this.deliver(entry);
    } finally {
      this.running = false;
    }
  }

  private async deliver(entry: Entry): Promise<void> {
    const { pending } = entry;
    for (;;) {
      if (this.queue[0] !== entry) return; // abandoned
      pending.status = 'sending';
      pending.attempts += 1;
      try {
        const { clientMessageId, text, threadId, attachmentIds } = pending;
        const message = await this.options.store({ clientMessageId, text, threadId, attachmentIds });
        this.finish(entry);
        entry.resolve(message);
        return;
      } catch (error) {
        if (!isRetryable(error)) {
          this.finish(entry);
          entry.reject(error);
          return;
        }
        pending.status = 'waiting';
        pending.lastError = error;
        this.options.onChange?.();
        const retryAfter = error instanceof ChatApiError ? error.retryAfter : undefined;
        const delay =
          retryAfter !== undefined
            ? retryAfter * 1000
            : backoffDelay(pending.attempts - 1, this.options.backoff);
        this.rateLimited = retryAfter !== undefined;
        this.waiting = pause(delay);
        await this.waiting.done;
        this.waiting = undefined;
        this.rateLimited = false;
      }
    }
  }

  private finish(entry: Entry): void {
    const index = this.queue.indexOf(entry);
    if (index >= 0) this.queue.splice(index, 1);
    this.options.onChange?.();
  }
}
