/**
 * Names of realtime's internal `FanOutContinued` event and its EventBridge rule pattern. Free of imports, so
 * that serverless.ts can use them without loading the runtime code.
 */
export const FAN_OUT_CONTINUED = 'FanOutContinued';
export const FAN_OUT_CONTINUED_SOURCE = 'chat.realtime';
export const FAN_OUT_CONTINUED_VERSION = 1;

/** The EventBridge rule pattern of the continuation. */
export const fanOutContinuedPattern = {
  source: [FAN_OUT_CONTINUED_SOURCE],
  'detail-type': [FAN_OUT_CONTINUED],
  detail: { metadata: { version: [FAN_OUT_CONTINUED_VERSION] } },
};
