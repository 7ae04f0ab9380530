import type {
  PutEventsCommand,
  PutEventsCommandOutput,
  PutEventsRequestEntry,
  PutEventsResultEntry,
} from '@aws-sdk/client-eventbridge';
import type { PutEventsClient } from '../../src/index';

/** What the double answers to one PutEvents call: per-entry results, or an error to throw. */
export type PutEventsReply = PutEventsResultEntry[] | Error;

/**
 * A stand-in for EventBridgeClient in unit tests (no network): it records every PutEvents call's
 * entries and answers with `reply` (default: every entry accepted).
 */
export function createEventBridgeDouble(
  reply?: (entries: PutEventsRequestEntry[], call: number) => PutEventsReply,
) {
  const calls: PutEventsRequestEntry[][] = [];
  const client: PutEventsClient = {
    async send(command: PutEventsCommand): Promise<PutEventsCommandOutput> {
      const entries = command.input.Entries ?? [];
      calls.push(entries);
      const answer: PutEventsReply = reply
        ? reply(entries, calls.length - 1)
        : entries.map((_, i) => ({ EventId: `ok-${i}` }));
      if (answer instanceof Error) throw answer;
      return {
        $metadata: { httpStatusCode: 200 },
        FailedEntryCount: answer.filter((r) => r.ErrorCode).length,
        Entries: answer,
      };
    },
  };
  return { client, calls };
}

/** Entry results where the entries at `failing` indexes failed with `errorCode`. */
export function resultsWithFailures(
  entries: PutEventsRequestEntry[],
  failing: (entry: PutEventsRequestEntry, index: number) => boolean,
  errorCode = 'InternalFailure',
): PutEventsResultEntry[] {
  return entries.map((entry, index) =>
    failing(entry, index)
      ? { ErrorCode: errorCode, ErrorMessage: `${errorCode} (test)` }
      : { EventId: `ok-${index}` },
  );
}

/** The eventId inside an entry's Detail. */
export function eventIdOf(entry: PutEventsRequestEntry): string {
  return (JSON.parse(entry.Detail ?? '{}') as { metadata: { eventId: string } }).metadata.eventId;
}
