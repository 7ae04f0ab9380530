export { deliveriesResponse, InvalidDeliveriesQueryError } from './deliveries';
export {
  FilterPolicyError,
  matchesFilterPolicy,
  parseFilterPolicy,
  type CompiledFilterPolicy,
} from './filter-policy';
export { SnsEngine, type PublishInput, type SnsEngineOptions } from './sns-engine';
export { SNS_DELIVERIES_PATH, startSns } from './sns-server';
export type { RunningSns, SnsDelivery, SnsMessageAttribute, SnsMessageAttributes, SnsOptions } from './types';
