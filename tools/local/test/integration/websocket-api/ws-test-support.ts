import WebSocket from 'ws';
import type { WebSocketEvent } from '../../../src/cloud/websocket-api/events';

/** Polls `probe` until it returns a truthy value, failing after `timeoutMs`. */
export async function waitFor<T>(
  probe: () => T | undefined | null | false,
  what: string,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export interface TestClient {
  socket: WebSocket;
  messages: string[];
  closed: Promise<{ code: number; reason: string }>;
  /** Waits for the next message after the `index`-th one (0 = the first message). */
  message(index: number): Promise<string>;
}

/** Opens a `ws` client and resolves once it is open; rejects with the HTTP status when refused. */
export function connect(url: string, protocols: string[] = []): Promise<TestClient> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, protocols);
    const messages: string[] = [];
    const closed = new Promise<{ code: number; reason: string }>((resolveClosed) =>
      socket.on('close', (code, reason) => resolveClosed({ code, reason: reason.toString() })),
    );
    socket.on('message', (data) => messages.push(data.toString()));
    socket.on('unexpected-response', (_req, res) => {
      res.resume();
      reject(Object.assign(new Error(`refused with ${res.statusCode}`), { statusCode: res.statusCode }));
    });
    socket.on('error', reject);
    socket.on('open', () =>
      resolve({
        socket,
        messages,
        closed,
        message: (index) => waitFor(() => messages[index], `message #${index}`),
      }),
    );
  });
}

/** Resolves with the HTTP status a refused handshake answered. */
export async function refusedStatus(url: string): Promise<number> {
  try {
    const client = await connect(url);
    client.socket.terminate();
  } catch (error) {
    return (error as { statusCode?: number }).statusCode ?? -1;
  }
  throw new Error('the handshake was accepted');
}

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
