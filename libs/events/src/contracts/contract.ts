import type * as z from 'zod';

/** The services that publish events; an event's `source` is `chat.<service>`. */
export type ProducerService = 'auth' | 'rooms' | 'messaging' | 'realtime' | 'notifications';
export type EventSource = `chat.${ProducerService}`;

/**
 * One version of one domain event: what EventBridge routes on (`source`, `detailType`), the version of
 * its `data` shape, the zod schema of `data`, and example payloads (used by tests and the docs).
 */
export interface EventContract<TDetailType extends string = string, TSchema extends z.ZodType = z.ZodType> {
  readonly detailType: TDetailType;
  readonly source: EventSource;
  /** Integer, starting at 1; a breaking change of `data` is a new version. */
  readonly version: number;
  /** One sentence for the docs: when the event is published and what it means. */
  readonly description: string;
  readonly schema: TSchema;
  /** Valid `data` payloads, at least one. */
  readonly examples: readonly [z.output<TSchema>, ...z.output<TSchema>[]];
}

/** The `data` type of a contract. */
export type EventData<TContract extends EventContract> = z.output<TContract['schema']>;

/** Declares a contract, checking its version is a positive integer. */
export function defineContract<const TDetailType extends string, TSchema extends z.ZodType>(
  contract: EventContract<TDetailType, TSchema>,
): EventContract<TDetailType, TSchema> {
  if (!Number.isInteger(contract.version) || contract.version < 1) {
    throw new Error(`${contract.detailType}: version must be a positive integer, got ${contract.version}`);
  }
  return Object.freeze({ ...contract });
}

/** `MessageSent.v1`: the name of a contract version in docs, snapshots and logs. */
export function contractVersionName(contract: Pick<EventContract, 'detailType' | 'version'>): string {
  return `${contract.detailType}.v${contract.version}`;
}
