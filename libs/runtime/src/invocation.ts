import { inInvocation, type InvocationContext } from './logger';
import { flushMetrics } from './metrics';

/**
 * What every handler wrapper does around one invocation: the log lines get the Lambda context (function name,
 * request id, cold start), and the metrics the invocation recorded are written once at its end (one EMF line),
 * whether it succeeded or threw.
 */
export function observedInvocation<E, C extends InvocationContext | undefined, R>(
  handle: (event: E, context: C) => Promise<R>,
): (event: E, context: C) => Promise<R> {
  return (event, context) =>
    inInvocation(context, async () => {
      try {
        return await handle(event, context);
      } finally {
        flushMetrics();
      }
    });
}
