import type { WebSocketEvent } from '../../../src/cloud/websocket-api/events';

/** An in-test `invoke` that records events per function and runs the handler set for it. */
export function recorder() {
  const calls: Array<{ functionName: string; event: WebSocketEvent }> = [];
  const handlers = new Map<string, (event: WebSocketEvent) => unknown>();
  return {
    calls,
    handlers,
    invoke: async (functionName: string, event: unknown): Promise<unknown> => {
      calls.push({ functionName, event: event as WebSocketEvent });
      const handler = handlers.get(functionName);
      return handler ? handler(event as WebSocketEvent) : { statusCode: 200 };
    },
    eventsOf: (functionName: string): WebSocketEvent[] =>
      calls.filter((c) => c.functionName === functionName).map((c) => c.event),
  };
}
