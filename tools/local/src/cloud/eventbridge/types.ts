/** A rule on an event bus: events matching `pattern` go to every target, by Lambda async invocation. */
export interface EventBridgeRule {
  name: string;
  /** Bus name ("default", "chat", ...) or its ARN. */
  eventBusName: string;
  pattern: Record<string, unknown>;
  /** Qualified function names `<service>.<functionKey>`, as `Invoke` takes them. */
  targets: string[];
}

/** An event exactly as EventBridge delivers it to a target. */
export interface EventBridgeEvent {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  /** ISO 8601 to the second, e.g. 2024-05-01T12:00:00Z */
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
}

export type DeliveryStatus = 'pending' | 'succeeded' | 'failed';

/** One target invocation for one matched rule, as recorded for tests. */
export interface TargetDelivery {
  rule: string;
  target: string;
  status: DeliveryStatus;
  /** Invocations made so far (1 to 3). */
  attempts: number;
  /** The last error message while status is not `succeeded`. */
  error?: string;
}

/** An accepted PutEvents entry, with what it matched and how delivery went. */
export interface PublishedEvent {
  eventBusName: string;
  event: EventBridgeEvent;
  /** ISO 8601 time the local EventBridge accepted the entry. */
  receivedAt: string;
  matchedRules: string[];
  deliveries: TargetDelivery[];
}
