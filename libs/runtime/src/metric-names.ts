/**
 * The application metrics, one name each (CloudWatch namespace `Chat/<stage>`, dimension `service`). The alarms
 * and the dashboard (libs/serverless-config `observability`) and docs/operations.md name them from here.
 */
export const METRIC = {
  /** A message stored (REST or WebSocket send; a replayed clientMessageId is not counted again). */
  messagesStored: 'MessagesStored',
  /** A frame posted to a connection (API Gateway answered 2xx). */
  framesDelivered: 'FramesDelivered',
  /** A post answered 410: the connection was gone (its record is cleaned up). */
  goneConnections: 'GoneConnections',
  /** A post that failed after its retries (neither delivered nor gone). */
  framesFailed: 'FramesFailed',
  /** How long one fan-out's posts took, in milliseconds (the directory read and every post). */
  fanOutDuration: 'FanOutDuration',
  /** How many connections one fan-out posted to. */
  fanOutSize: 'FanOutSize',
  /** A push notification published to SNS. */
  notificationsSent: 'NotificationsSent',
  /** A delivery an event consumer or a stream function failed to handle (it is retried, then lands in a DLQ). */
  consumerFailures: 'ConsumerFailures',
  /** Milliseconds from an event's `occurredAt` to its consumer handling it. */
  eventAge: 'EventAge',
  /** A request or frame refused by a rate limit (429 / RATE_LIMITED). */
  rateLimited: 'RateLimited',
} as const;

export type MetricName = (typeof METRIC)[keyof typeof METRIC];
