import type { EventContract } from './contracts/contract';

/** An EventBridge rule pattern matching one contract version. */
export type ContractEventPattern = {
  source: string[];
  'detail-type': string[];
  detail: { metadata: { version: number[] } };
};

/**
 * The rule pattern that matches exactly one event version, for a consumer's serverless.ts:
 * `events: [{ eventBridge: { eventBus, pattern: eventPattern(messageSentContract) } }]`.
 */
export function eventPattern(contract: EventContract): ContractEventPattern {
  return {
    source: [contract.source],
    'detail-type': [contract.detailType],
    detail: { metadata: { version: [contract.version] } },
  };
}
