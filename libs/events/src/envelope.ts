import { createHash } from 'node:crypto';
import { ulid } from 'ulid';
import * as z from 'zod';
import type { EventContract, EventData } from './contracts/contract';
import { idSchema, isoTimeSchema } from './contracts/shared';

/** `detail.metadata` of every event. */
export const eventMetadataSchema = z.object({
  /** Unique per event; consumers de-duplicate on it. */
  eventId: idSchema,
  /** The detail-type, e.g. `MessageSent`. */
  eventType: z.string().min(1),
  version: z.number().int().min(1),
  occurredAt: isoTimeSchema,
  /** Shared by every event caused (directly or not) by the same request. */
  correlationId: idSchema,
  /** The eventId of the event whose handling produced this one. */
  causationId: idSchema.optional(),
  /** Who published it, e.g. `messaging.stream-publisher`. */
  producer: z.string().min(1),
});
export type EventMetadata = z.infer<typeof eventMetadataSchema>;

/** The EventBridge `detail` of every event. */
export interface EventEnvelope<TData = unknown, TDetailType extends string = string> {
  metadata: EventMetadata & { eventType: TDetailType };
  data: TData;
}

/** The envelope type of a contract. */
export type EnvelopeOf<TContract extends EventContract> = EventEnvelope<
  EventData<TContract>,
  TContract['detailType']
>;

/** The zod schema of the whole `detail` for one contract version (metadata pinned to it). */
export function envelopeSchema<TContract extends EventContract>(contract: TContract) {
  return z.object({
    metadata: eventMetadataSchema.extend({
      eventType: z.literal(contract.detailType),
      version: z.literal(contract.version),
    }),
    data: contract.schema,
  });
}

export interface BuildEventOptions {
  /** Who publishes it, e.g. `rooms.create-room` or `messaging.stream-publisher`. */
  producer: string;
  /** Used when there is no causing event (e.g. the HTTP request's correlation id); default: the eventId. */
  correlationId?: string;
  /** The event being handled: its correlationId is propagated and its eventId becomes the causationId. */
  causedBy?: { metadata: Pick<EventMetadata, 'eventId' | 'correlationId'> };
  /** A fixed eventId, e.g. `streamRecordEventId(record, i)` so a replayed stream record keeps its ids. */
  eventId?: string;
  /** When it happened; default: now. */
  now?: Date;
}

/**
 * Wraps `data` in the envelope: a new sortable eventId (ULID) unless given, `occurredAt`, and the
 * correlation: from `causedBy` when given (its correlationId wins over `correlationId`), else
 * `correlationId`, else the eventId itself (the event starts a new chain).
 */
export function buildEvent<TContract extends EventContract>(
  contract: TContract,
  data: EventData<TContract>,
  options: BuildEventOptions,
): EnvelopeOf<TContract> {
  const eventId = options.eventId ?? ulid();
  const correlationId = options.causedBy?.metadata.correlationId ?? options.correlationId ?? eventId;
  const metadata: EnvelopeOf<TContract>['metadata'] = {
    eventId,
    eventType: contract.detailType,
    version: contract.version,
    occurredAt: (options.now ?? new Date()).toISOString(),
    correlationId,
    producer: options.producer,
  };
  if (options.causedBy) metadata.causationId = options.causedBy.metadata.eventId;
  return { metadata, data };
}

/**
 * A stable, UUID-shaped event id derived from `seed` (SHA-256, RFC 9562 version 8 layout): the same seed
 * always yields the same id, so a replayed input publishes the same eventId and consumers drop the copy.
 */
export function deterministicEventId(seed: string): string {
  const bytes = createHash('sha256').update(seed, 'utf8').digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x80;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The minimum of a DynamoDB stream record that identifies it. */
export interface StreamRecordIdentity {
  eventID?: string | undefined;
  eventSourceARN?: string | undefined;
}

/**
 * The eventId of the `index`-th event produced from a DynamoDB stream record: derived from the record's
 * `eventID` (unique per stream record), so when Lambda redelivers the record the ids are the same.
 */
export function streamRecordEventId(record: StreamRecordIdentity, index = 0): string {
  if (!record.eventID) throw new Error('streamRecordEventId: the stream record has no eventID');
  return deterministicEventId(`${record.eventSourceARN ?? ''}#${record.eventID}#${index}`);
}
