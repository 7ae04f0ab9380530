import type { EventContract } from './contracts/contract';
import { findContract } from './contracts/registry';
import { type ContractIssue, ContractViolationError, issuesFromZod } from './contract-violation';
import { type EventEnvelope, eventMetadataSchema } from './envelope';

export interface ValidatedEvent {
  contract: EventContract;
  /** The envelope as parsed: unknown keys dropped. */
  event: EventEnvelope;
}

function readMetadataHints(event: unknown): { eventType?: string; version?: number; eventId?: string } {
  const metadata =
    typeof event === 'object' && event !== null ? (event as { metadata?: unknown }).metadata : undefined;
  if (typeof metadata !== 'object' || metadata === null) return {};
  const { eventType, version, eventId } = metadata as Record<string, unknown>;
  return {
    eventType: typeof eventType === 'string' ? eventType : undefined,
    version: typeof version === 'number' ? version : undefined,
    eventId: typeof eventId === 'string' ? eventId : undefined,
  };
}

/**
 * Checks an envelope against the published contract its metadata names (detail-type and version):
 * metadata and data. Throws a ContractViolationError naming the event and every offending field.
 */
export function validateEvent(event: unknown): ValidatedEvent {
  const hints = readMetadataHints(event);
  const fail = (issues: ContractIssue[]): never => {
    throw new ContractViolationError({ ...hints, issues });
  };
  if (typeof event !== 'object' || event === null) fail([{ path: '(root)', message: 'expected an object' }]);
  const envelope = event as { metadata?: unknown; data?: unknown };
  const metadata = eventMetadataSchema.safeParse(envelope.metadata);
  if (!metadata.success) return fail(issuesFromZod(metadata.error, ['metadata']));
  const contract = findContract(metadata.data.eventType, metadata.data.version);
  if (!contract) {
    return fail([
      {
        path: 'metadata.eventType',
        message: `no published contract ${metadata.data.eventType} v${metadata.data.version}`,
      },
    ]);
  }
  const data = contract.schema.safeParse(envelope.data);
  if (!data.success) return fail(issuesFromZod(data.error, ['data']));
  return { contract, event: { metadata: metadata.data, data: data.data } };
}
