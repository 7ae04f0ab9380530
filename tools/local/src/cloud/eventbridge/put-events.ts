/**
 * PutEvents request checking and event building, as the EventBridge API does it
 * (API_PutEvents, API_PutEventsRequestEntry, eb-putevent-size in the AWS docs):
 * - 1 to 10 entries per request, else the whole call fails with a ValidationException;
 * - the entries' total size (Time = 14 bytes when given, plus the UTF-8 bytes of Source, DetailType,
 *   Detail and each resource) must not exceed 256 KB, else a ValidationException;
 * - each entry needs Source, DetailType and Detail (a JSON object); an invalid entry gets its own
 *   ErrorCode/ErrorMessage in the response while the valid ones are accepted.
 * Entries for a bus that has no rules (or does not exist) are accepted and go nowhere, as in AWS.
 */

import type { EventBridgeEvent } from './types';

export const MAX_ENTRIES_PER_REQUEST = 10;
export const MAX_REQUEST_SIZE_BYTES = 256 * 1024;
export const DEFAULT_EVENT_BUS = 'default';

/** An error for the whole API call, sent as `{ __type, message }` with HTTP 400. */
export class AwsServiceError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
    this.name = type;
  }
}

/** A PutEvents entry as it arrives on the wire (nothing about it is trusted yet). */
export interface RawPutEventsEntry {
  Time?: unknown;
  Source?: unknown;
  Resources?: unknown;
  DetailType?: unknown;
  Detail?: unknown;
  EventBusName?: unknown;
  TraceHeader?: unknown;
}

export interface PutEventsResultEntry {
  EventId?: string;
  ErrorCode?: string;
  ErrorMessage?: string;
}

export type EntryOutcome =
  | { ok: true; eventBusName: string; event: EventBridgeEvent }
  | { ok: false; error: Required<Pick<PutEventsResultEntry, 'ErrorCode' | 'ErrorMessage'>> };

const utf8Length = (value: unknown): number =>
  typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : 0;

/** The size EventBridge counts for an entry against the 256 KB limit. */
export function entrySize(entry: RawPutEventsEntry): number {
  let size = entry.Time !== undefined && entry.Time !== null ? 14 : 0;
  size += utf8Length(entry.Source) + utf8Length(entry.DetailType) + utf8Length(entry.Detail);
  if (Array.isArray(entry.Resources)) for (const resource of entry.Resources) size += utf8Length(resource);
  return size;
}

/** Checks the request as a whole and returns its entries; throws AwsServiceError when it is rejected. */
export function readPutEventsRequest(body: unknown): RawPutEventsEntry[] {
  const entries =
    typeof body === 'object' && body !== null ? (body as { Entries?: unknown }).Entries : undefined;
  if (!Array.isArray(entries)) {
    throw new AwsServiceError(
      'ValidationException',
      "1 validation error detected: Value null at 'entries' failed to satisfy constraint: Member must not be null",
    );
  }
  if (entries.length < 1 || entries.length > MAX_ENTRIES_PER_REQUEST) {
    const constraint =
      entries.length < 1 ? 'greater than or equal to 1' : `less than or equal to ${MAX_ENTRIES_PER_REQUEST}`;
    throw new AwsServiceError(
      'ValidationException',
      `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length ${constraint}`,
    );
  }
  const raw = entries.map((entry): RawPutEventsEntry =>
    typeof entry === 'object' && entry !== null ? entry : {},
  );
  const total = raw.reduce((sum, entry) => sum + entrySize(entry), 0);
  if (total > MAX_REQUEST_SIZE_BYTES) {
    throw new AwsServiceError(
      'ValidationException',
      'Total size of the entries in the request is over the limit.',
    );
  }
  return raw;
}

/** The bus name of a name or an ARN (`arn:aws:events:<region>:<account>:event-bus/<name>`). */
export function eventBusNameOf(nameOrArn: unknown): string {
  if (typeof nameOrArn !== 'string' || nameOrArn === '') return DEFAULT_EVENT_BUS;
  const arn = /^arn:[^:]+:events:[^:]*:[^:]*:event-bus\/(.+)$/.exec(nameOrArn);
  return arn?.[1] ?? nameOrArn;
}

/** `2024-05-01T12:00:00Z`: EventBridge event times carry no fraction of a second. */
export function formatEventTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function entryTime(value: unknown, now: Date): Date {
  // awsJson1_1 sends timestamps as epoch seconds; accept ISO strings from hand-written clients too.
  const date =
    typeof value === 'number' ? new Date(value * 1000) : typeof value === 'string' ? new Date(value) : now;
  return Number.isNaN(date.getTime()) ? now : date;
}

function invalidArgument(field: string): EntryOutcome {
  return {
    ok: false,
    error: {
      ErrorCode: 'InvalidArgument',
      ErrorMessage: `Parameter ${field} is not valid. Reason: ${field} is a required argument.`,
    },
  };
}

function parseDetail(detail: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(detail);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Validates one entry and, when valid, builds the event EventBridge would deliver for it. */
export function buildEvent(
  entry: RawPutEventsEntry,
  context: { id: string; region: string; accountId: string; now: Date },
): EntryOutcome {
  const { Source: source, DetailType: detailType, Detail: detail } = entry;
  if (typeof source !== 'string' || source === '') return invalidArgument('Source');
  if (typeof detailType !== 'string' || detailType === '') return invalidArgument('DetailType');
  if (typeof detail !== 'string' || detail === '') return invalidArgument('Detail');
  if (source.startsWith('aws.')) {
    return {
      ok: false,
      error: { ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: 'Not authorized for the source.' },
    };
  }
  const parsedDetail = parseDetail(detail);
  if (!parsedDetail)
    return { ok: false, error: { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' } };
  const resources = Array.isArray(entry.Resources)
    ? entry.Resources.filter((resource): resource is string => typeof resource === 'string')
    : [];
  return {
    ok: true,
    eventBusName: eventBusNameOf(entry.EventBusName),
    event: {
      version: '0',
      id: context.id,
      'detail-type': detailType,
      source,
      account: context.accountId,
      time: formatEventTime(entryTime(entry.Time, context.now)),
      region: context.region,
      resources,
      detail: parsedDetail,
    },
  };
}
