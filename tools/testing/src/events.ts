import type { EventMetadata } from '@chat/events';
import type { PublishedEvent, SnsDelivery } from '@chat/local';
import { eventually, type EventuallyOptions } from './eventually';
import { localStack } from './stack';

/** What the stack's EventBridge and SNS accepted and delivered (`GET /_local/events`, `/_local/sns/deliveries`). */

/** An accepted event, its detail read as the envelope every producer publishes. */
export interface BusEvent<D = Record<string, unknown>> extends Omit<PublishedEvent, 'event'> {
  event: Omit<PublishedEvent['event'], 'detail'> & { detail: { metadata: EventMetadata; data: D } };
}

async function getItems<T>(url: string, what: string): Promise<T[]> {
  const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  if (!response.ok) throw new Error(`GET ${what} answered ${response.status}`);
  return ((await response.json()) as { items: T[] }).items;
}

/** The events of a detail-type the EventBridge at `eventBridgeUrl` (the stack's) accepted so far, oldest first. */
export function busEvents<D = Record<string, unknown>>(
  detailType: string,
  eventBridgeUrl = localStack().eventBridge,
): Promise<BusEvent<D>[]> {
  return getItems<BusEvent<D>>(
    `${eventBridgeUrl}/_local/events?detailType=${encodeURIComponent(detailType)}`,
    '/_local/events',
  );
}

export interface HandledOptions extends EventuallyOptions {
  /** How many matching events must have been handled (default 1). */
  count?: number;
  /** Only events of this version (`metadata.version`), for a detail-type published in more than one. */
  version?: number;
}

/**
 * Waits until every accepted event of `detailType` (of `version`, when given) whose data matches `where` (at
 * least `count` of them) has been handled by `target` (`<service>.<function>`), and returns them.
 */
export function handledBy<D = Record<string, unknown>>(
  target: string,
  detailType: string,
  where: (data: D) => boolean,
  options: HandledOptions = {},
): Promise<BusEvent<D>[]> {
  const count = options.count ?? 1;
  return eventually(
    async () => {
      const matching = (await busEvents<D>(detailType)).filter(
        (entry) =>
          (options.version === undefined || entry.event.detail.metadata.version === options.version) &&
          where(entry.event.detail.data),
      );
      const deliveries = matching.map((entry) => entry.deliveries.find((d) => d.target === target));
      const failed = deliveries.find((d) => d?.status === 'failed');
      if (failed) throw new Error(`${detailType} failed in ${target}: ${failed.error}`);
      const done = matching.length >= count && deliveries.every((d) => d?.status === 'succeeded');
      return done ? matching : undefined;
    },
    { what: `${count} ${detailType} handled by ${target}`, ...options },
  );
}

/** What the stack's SNS delivered, filtered by endpoint and protocol. */
export function snsDeliveries(filter: { endpoint?: string; protocol?: string } = {}): Promise<SnsDelivery[]> {
  const query = new URLSearchParams(
    Object.entries(filter).filter(([, value]) => value !== undefined) as [string, string][],
  );
  return getItems<SnsDelivery>(
    `${localStack().http}/_local/sns/deliveries?${query.toString()}`,
    '/_local/sns/deliveries',
  );
}
