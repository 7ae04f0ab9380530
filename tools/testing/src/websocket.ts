import WebSocket from 'ws';
import { eventually } from './eventually';
import { localStack } from './stack';

/** A frame as the WebSocket API sends them: JSON with a `type`. */
export interface Frame {
  type: string;
  eventId?: string;
  [key: string]: unknown;
}

export interface TestSocket<F extends { type?: string } = Frame> {
  socket: WebSocket;
  /** Every message received so far, as sent. */
  messages: string[];
  /** The messages that were JSON, parsed. */
  frames: F[];
  /** The frames received so far of one type (and matching `where`). */
  framesOf(type: string, where?: (frame: F) => boolean): F[];
  /** Waits for the first frame of `type` matching `where`. */
  next(type: string, where?: (frame: F) => boolean, timeoutMs?: number): Promise<F>;
  /** Waits for the first frame matching `where`. */
  first(where: (frame: F) => boolean, what: string, timeoutMs?: number): Promise<F>;
  /** Waits for the `index`-th message (0 = the first), as sent. */
  message(index: number, timeoutMs?: number): Promise<string>;
  /** Sends a frame, JSON-encoded unless it is a string. */
  send(frame: unknown): void;
  closed: Promise<{ code: number; reason: string }>;
  /** Closes the socket and waits until it is closed. */
  close(): Promise<void>;
}

const openSockets = new Set<TestSocket<never>>();

/** Closes every socket the tests opened (call in afterAll). */
export async function closeAllSockets(): Promise<void> {
  await Promise.all([...openSockets].map((client) => client.close()));
}

/**
 * Opens a WebSocket and records what it receives; rejects with the status (`error.status`) when the handshake is
 * refused.
 */
export function openSocket<F extends { type?: string } = Frame>(
  url: string,
  protocols: string[] = [],
): Promise<TestSocket<F>> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, protocols);
    const messages: string[] = [];
    const frames: F[] = [];
    const closed = new Promise<{ code: number; reason: string }>((done) =>
      socket.once('close', (code, reason) => done({ code, reason: reason.toString() })),
    );
    socket.on('message', (data) => {
      const text = data.toString();
      messages.push(text);
      try {
        frames.push(JSON.parse(text) as F);
      } catch {
        // not JSON: in `messages` only
      }
    });
    socket.once('unexpected-response', (_request, response) => {
      reject(
        Object.assign(new Error(`handshake refused: ${response.statusCode}`), {
          status: response.statusCode,
        }),
      );
      response.resume();
      socket.terminate();
    });
    socket.once('error', reject);
    socket.once('open', () => {
      const framesOf = (type: string, where: (frame: F) => boolean = () => true) =>
        frames.filter((frame) => frame.type === type && where(frame));
      const client: TestSocket<F> = {
        socket,
        messages,
        frames,
        framesOf,
        next: (type, where, timeoutMs) =>
          eventually(() => framesOf(type, where)[0], { what: `a ${type} frame`, timeoutMs }),
        first: (where, what, timeoutMs) => eventually(() => frames.find(where), { what, timeoutMs }),
        message: (index, timeoutMs) =>
          eventually(() => messages[index], { what: `message #${index}`, timeoutMs }),
        send: (frame) => socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
        closed,
        close: async () => {
          openSockets.delete(client as TestSocket<never>);
          if (socket.readyState !== WebSocket.CLOSED) socket.close();
          await closed;
        },
      };
      openSockets.add(client as TestSocket<never>);
      resolve(client);
    });
  });
}

/** The stack's WebSocket API with `?token=` (none when undefined). */
export function stackSocketUrl(token: string | undefined): string {
  const query = token === undefined ? '' : `?token=${encodeURIComponent(token)}`;
  return `${localStack().webSocket}/${query}`;
}

/** Opens a WebSocket on the stack's API with `?token=`. */
export function connect<F extends { type?: string } = Frame>(
  token: string | undefined,
): Promise<TestSocket<F>> {
  return openSocket<F>(stackSocketUrl(token));
}

/** The status with which the handshake at `url` was refused (fails if it was accepted). */
export async function refusedStatus(url: string): Promise<number> {
  try {
    const client = await openSocket(url);
    await client.close();
  } catch (error) {
    return (error as { status?: number }).status ?? -1;
  }
  throw new Error('the handshake was accepted');
}
