import {
  PutEventsCommand,
  type PutEventsCommandOutput,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import { createLogger, type Logger } from '@chat/runtime';
import type { EventContract } from '../contracts/contract';
import type { EventEnvelope } from '../envelope';
import { validateEvent } from '../validate-event';
import { entrySize, maxBytesPerCall, splitIntoBatches } from './entry-size';
import { backoffDelay, isRetryableCallError, isRetryableEntryError } from './retry-policy';

/** The part of EventBridgeClient the publisher uses (an EventBridgeClient fits). */
export interface PutEventsClient {
  send(command: PutEventsCommand): Promise<PutEventsCommandOutput>;
}

export interface EventPublisherOptions {
  client: PutEventsClient;
  /** Name or ARN of the bus, e.g. `chat-dev`. */
  eventBusName: string;
  /** Attempts per entry, the first included (default 4). */
  maxAttempts?: number;
  /** First retry waits about this long, doubling each time (default 100 ms). */
  baseDelayMs?: number;
  /** Upper bound of one wait (default 5000 ms). */
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Source of jitter in [0, 1) (default Math.random). */
  random?: () => number;
  logger?: Logger;
}

export interface PublishFailure {
  /** The event as it was given to `publish`. */
  event: EventEnvelope;
  /** PutEvents' entry error code, the thrown error's name, or `EntryTooLarge`. */
  errorCode: string;
  errorMessage: string;
}

export interface PublishResult {
  /** The events that were not published after every allowed attempt, in the order given. */
  failed: PublishFailure[];
}

export interface EventPublisher {
  /**
   * Validates every event against its contract (throws a ContractViolationError before sending anything
   * when one is invalid), then sends them with PutEvents in batches of at most 10 entries and 256 KB,
   * retrying failed entries with backoff. Resolves with the events that finally failed.
   */
  publish(events: readonly EventEnvelope[]): Promise<PublishResult>;
}

interface PendingEntry {
  index: number;
  event: EventEnvelope;
  entry: PutEventsRequestEntry;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function toEntry(contract: EventContract, event: EventEnvelope, eventBusName: string): PutEventsRequestEntry {
  return {
    Source: contract.source,
    DetailType: contract.detailType,
    Detail: JSON.stringify(event),
    EventBusName: eventBusName,
    Time: new Date(event.metadata.occurredAt),
  };
}

function describeError(error: unknown): { errorCode: string; errorMessage: string } {
  if (error instanceof Error) return { errorCode: error.name, errorMessage: error.message };
  return { errorCode: 'UnknownError', errorMessage: String(error) };
}

export function createEventPublisher(options: EventPublisherOptions): EventPublisher {
  const maxAttempts = Math.max(1, options.maxAttempts ?? 4);
  const baseDelayMs = options.baseDelayMs ?? 100;
  const maxDelayMs = options.maxDelayMs ?? 5000;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const logger = options.logger ?? createLogger({ component: 'events.publisher' });

  /** Sends one batch until every entry succeeded, failed for good, or ran out of attempts. */
  async function sendBatch(batch: PendingEntry[], failed: Array<PublishFailure & { index: number }>) {
    let pending = batch;
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      const retry: PendingEntry[] = [];
      let lastError = { errorCode: '', errorMessage: '' };
      try {
        const output = await options.client.send(
          new PutEventsCommand({ Entries: pending.map((p) => p.entry) }),
        );
        const results = output.Entries ?? [];
        const unknownOutcome = (output.FailedEntryCount ?? 0) > 0 && results.length < pending.length;
        pending.forEach((item, i) => {
          const result = results[i];
          if (result?.ErrorCode) {
            const error = { errorCode: result.ErrorCode, errorMessage: result.ErrorMessage ?? '' };
            if (isRetryableEntryError(result.ErrorCode)) retry.push(item);
            else failed.push({ index: item.index, event: item.event, ...error });
            lastError = error;
          } else if (!result && unknownOutcome) {
            retry.push(item);
            lastError = {
              errorCode: 'UnknownOutcome',
              errorMessage: 'PutEvents returned no result for the entry',
            };
          }
        });
      } catch (error) {
        lastError = describeError(error);
        if (!isRetryableCallError(error)) {
          for (const item of pending) failed.push({ index: item.index, event: item.event, ...lastError });
          return;
        }
        retry.push(...pending);
      }
      if (retry.length === 0) return;
      if (attempt >= maxAttempts) {
        for (const item of retry) failed.push({ index: item.index, event: item.event, ...lastError });
        return;
      }
      const delay = backoffDelay(attempt, baseDelayMs, maxDelayMs, random);
      logger.warn('retrying PutEvents entries', {
        attempt,
        delayMs: delay,
        entries: retry.length,
        errorCode: lastError.errorCode,
      });
      await sleep(delay);
      pending = retry;
    }
  }

  return {
    async publish(events) {
      const validated = events.map((event) => validateEvent(event));
      const failed: Array<PublishFailure & { index: number }> = [];
      const sendable: PendingEntry[] = [];
      validated.forEach(({ contract, event: parsed }, index) => {
        const event = events[index] as EventEnvelope;
        const entry = toEntry(contract, parsed, options.eventBusName);
        const size = entrySize(entry);
        if (size > maxBytesPerCall) {
          failed.push({
            index,
            event,
            errorCode: 'EntryTooLarge',
            errorMessage: `entry is ${size} bytes; PutEvents accepts at most ${maxBytesPerCall}`,
          });
        } else {
          sendable.push({ index, event, entry });
        }
      });
      for (const batch of splitIntoBatches(sendable, (item) => entrySize(item.entry))) {
        await sendBatch(batch, failed);
      }
      failed.sort((a, b) => a.index - b.index);
      if (failed.length > 0) {
        logger.error('events not published', {
          failed: failed.map((f) => ({
            eventId: f.event.metadata.eventId,
            eventType: f.event.metadata.eventType,
            errorCode: f.errorCode,
            errorMessage: f.errorMessage,
          })),
        });
      }
      return {
        failed: failed.map(({ event, errorCode, errorMessage }) => ({ event, errorCode, errorMessage })),
      };
    },
  };
}
