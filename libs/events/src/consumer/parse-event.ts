import { createLogger, type Logger } from '@chat/runtime';
import type { EventContract } from '../contracts/contract';
import { type ContractIssue, ContractViolationError, issuesFromZod } from '../contract-violation';
import { type EnvelopeOf, envelopeSchema } from '../envelope';

/** The parts of an EventBridge event (as a Lambda target receives it) that parseEvent reads. */
export interface IncomingEventBridgeEvent {
  id?: string;
  source: string;
  'detail-type': string;
  detail: unknown;
}

export interface ParseEventOptions {
  logger?: Logger;
}

let defaultLogger: Logger | undefined;

function metadataEventId(detail: unknown): string | undefined {
  if (typeof detail !== 'object' || detail === null) return undefined;
  const metadata = (detail as { metadata?: unknown }).metadata;
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  const eventId = (metadata as { eventId?: unknown }).eventId;
  return typeof eventId === 'string' ? eventId : undefined;
}

/**
 * Reads an EventBridge event with the contract the consumer expects and returns its typed envelope.
 * A contract break (other source or detail-type, other version, invalid metadata or data) is logged
 * with the event id and thrown as a ContractViolationError, so the delivery fails loudly (and lands in
 * the target's DLQ) instead of being half-handled.
 */
export function parseEvent<TContract extends EventContract>(
  contract: TContract,
  event: IncomingEventBridgeEvent,
  options: ParseEventOptions = {},
): EnvelopeOf<TContract> {
  const issues: ContractIssue[] = [];
  if (event['detail-type'] !== contract.detailType) {
    issues.push({
      path: 'detail-type',
      message: `expected "${contract.detailType}", got "${event['detail-type']}"`,
    });
  }
  if (event.source !== contract.source) {
    issues.push({ path: 'source', message: `expected "${contract.source}", got "${event.source}"` });
  }
  const parsed = envelopeSchema(contract).safeParse(event.detail);
  if (!parsed.success) issues.push(...issuesFromZod(parsed.error, ['detail']));
  if (issues.length === 0 && parsed.success) return parsed.data as EnvelopeOf<TContract>;

  const eventId = metadataEventId(event.detail);
  const error = new ContractViolationError({
    eventType: contract.detailType,
    version: contract.version,
    eventId,
    issues,
  });
  const logger = options.logger ?? (defaultLogger ??= createLogger({ component: 'events.consumer' }));
  logger.error('event breaks its contract', {
    eventId,
    eventBridgeId: event.id,
    eventType: contract.detailType,
    version: contract.version,
    issues,
  });
  throw error;
}
