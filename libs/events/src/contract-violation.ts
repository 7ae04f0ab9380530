import type * as z from 'zod';

/** One reason an event breaks its contract: the field (`data.mentions[0]`) and what is wrong with it. */
export interface ContractIssue {
  path: string;
  message: string;
}

export interface ContractViolationDetails {
  /** Detail-type of the event, when known. */
  eventType?: string;
  version?: number;
  eventId?: string;
  issues: readonly ContractIssue[];
}

/**
 * An event does not match its contract: raised by the publisher before sending (a producer bug) and by
 * `parseEvent` on receipt (a contract break). The message names the event and every offending field.
 */
export class ContractViolationError extends Error {
  override readonly name = 'ContractViolationError';
  readonly eventType: string | undefined;
  readonly version: number | undefined;
  readonly eventId: string | undefined;
  readonly issues: readonly ContractIssue[];

  constructor(details: ContractViolationDetails) {
    const event = details.eventType
      ? `${details.eventType}${details.version === undefined ? '' : ` v${details.version}`}`
      : 'event';
    const id = details.eventId ? ` ${details.eventId}` : '';
    super(`Contract violation: ${event}${id}: ${formatIssues(details.issues)}`);
    this.eventType = details.eventType;
    this.version = details.version;
    this.eventId = details.eventId;
    this.issues = details.issues;
  }
}

/** `data.mentions[0]`: a zod issue path as a readable field name. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

/** Turns zod issues into contract issues, with paths prefixed (e.g. `data`). */
export function issuesFromZod(error: z.ZodError, prefix: readonly PropertyKey[] = []): ContractIssue[] {
  return error.issues.map((issue) => ({
    path: formatPath([...prefix, ...issue.path]),
    message: issue.message,
  }));
}

export function formatIssues(issues: readonly ContractIssue[]): string {
  return issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
}
