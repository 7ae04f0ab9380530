import type { SnsDelivery } from './types';

/** A `since` that is not an ISO-8601 time; the HTTP API answers it with 400 VALIDATION_FAILED. */
export class InvalidDeliveriesQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidDeliveriesQueryError';
  }
}

/**
 * The body of `GET /_local/sns/deliveries`: the recorded deliveries, oldest first, filtered by the query
 * parameters `endpoint` (e-mail address, phone number, URL or platform endpoint ARN), `protocol`,
 * `topicArn` and `since` (an ISO-8601 time; deliveries at or after it).
 */
export function deliveriesResponse(
  sns: { deliveries(): SnsDelivery[] },
  query: URLSearchParams,
): { items: SnsDelivery[] } {
  const endpoint = query.get('endpoint');
  const protocol = query.get('protocol');
  const topicArn = query.get('topicArn');
  const sinceText = query.get('since');
  const since = sinceText === null ? undefined : Date.parse(sinceText);
  if (since !== undefined && Number.isNaN(since)) {
    throw new InvalidDeliveriesQueryError('since must be an ISO-8601 time');
  }
  const items = sns
    .deliveries()
    .filter(
      (delivery) =>
        (endpoint === null || delivery.endpoint === endpoint) &&
        (protocol === null || delivery.protocol === protocol) &&
        (topicArn === null || delivery.topicArn === topicArn) &&
        (since === undefined || Date.parse(delivery.deliveredAt) >= since),
    );
  return { items };
}
