import { backoffDelay, type BackoffOptions } from './backoff.js';
import { Emitter } from './emitter.js';
import { pause, type Pause } from './wait.js';

export type ConnectionState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'closed';

/** The part of the WebSocket API the client uses (the browser's, or the `ws` package's on Node). */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason?: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export type WebSocketConstructor = new (url: string) => WebSocketLike;

/** A frame the server pushes: JSON with a `type` (and an `eventId` for domain events). */
export interface ServerFrame {
  type: string;
  eventId?: string;
  [field: string]: unknown;
}

export interface ConnectionOptions {
  url: string;
  WebSocket: WebSocketConstructor;
  /**
   * A valid access token for the handshake, refreshed before each attempt when it is about to expire (and, after
   * failed attempts, anyway: a browser cannot see why a handshake was refused).
   */
  token: (failedAttempts: number) => Promise<string>;
  /** A ping this often (default 30 s; API Gateway closes sockets idle for 10 minutes). */
  heartbeatMs?: number;
  /** No frame this long after a ping: the socket is taken for dead and replaced (default 10 s). */
  pongTimeoutMs?: number;
  backoff?: BackoffOptions;
}

interface ConnectionEvents extends Record<string, unknown> {
  state: ConnectionState;
  /** Each time a socket opens (the first time and after every reconnect). */
  open: { reconnect: boolean };
  frame: ServerFrame;
}

/** Event ids remembered for de-duplication (at-least-once delivery repeats recent events). */
const SEEN_EVENT_IDS = 2000;
const OPEN = 1;

/**
 * One WebSocket to the server, kept open: a heartbeat ping, and on every loss a reconnect with jittered
 * exponential backoff (API Gateway closes every socket after 2 hours: reconnecting is the normal path). Frames
 * are JSON-parsed and de-duplicated by `eventId`.
 */
export class Connection extends Emitter<ConnectionEvents> {
  state: ConnectionState = 'idle';
  private socket: WebSocketLike | undefined;
  private attempt = 0;
  private opened = false;
  private waiting: Pause | undefined;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private lastFrameAt = 0;
  private readonly seen = new Set<string>();
  private connected: { promise: Promise<void>; resolve: () => void } | undefined;

  constructor(private readonly options: ConnectionOptions) {
    super();
  }

  /** Opens the socket (and keeps it open until `close`); resolves once connected. */
  open(): Promise<void> {
    if (this.state === 'connected') return Promise.resolve();
    if (!this.connected) {
      let resolve = () => undefined as void;
      const promise = new Promise<void>((done) => (resolve = done));
      this.connected = { promise, resolve };
    }
    if (this.state === 'idle' || this.state === 'closed') {
      this.setState('connecting');
      void this.run();
    }
    return this.connected.promise;
  }

  /** Sends a frame when connected; false when there is no open socket. */
  send(frame: Record<string, unknown>): boolean {
    if (this.state !== 'connected' || this.socket?.readyState !== OPEN) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  /** Replaces the socket now (a dead one, a revoked token). */
  reconnect(): void {
    this.socket?.close(4000, 'reconnect');
  }

  close(): void {
    this.setState('closed');
    this.waiting?.wake();
    this.stopHeartbeat();
    const socket = this.socket;
    this.socket = undefined;
    socket?.close(1000, 'closed by the client');
  }

  /** Read through a method: `close()` may run while `run()` awaits. */
  private isClosed(): boolean {
    return this.state === 'closed';
  }

  private setState(state: ConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    this.emit('state', state);
  }

  /** Attempts until a socket opens; after it closes, the next round (unless closed). */
  private async run(): Promise<void> {
    while (this.state === 'connecting' || this.state === 'reconnecting') {
      if (this.attempt > 0) {
        this.waiting = pause(backoffDelay(this.attempt - 1, this.options.backoff));
        await this.waiting.done;
        this.waiting = undefined;
        if (this.isClosed()) return;
      }
      this.attempt += 1;
      let token: string;
      try {
        token = await this.options.token(this.attempt - 1);
      } catch {
        continue; // the auth service is unreachable too: back off and try again
      }
      if (this.isClosed()) return;
      const closed = await this.once(token);
      if (closed === 'opened-then-closed' && !this.isClosed()) this.setState('reconnecting');
    }
  }

  /** One socket: resolves when it closes, saying whether it had opened. */
  private once(token: string): Promise<'failed' | 'opened-then-closed'> {
    return new Promise((resolve) => {
      const url = `${this.options.url}${this.options.url.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`;
      let socket: WebSocketLike;
      try {
        socket = new this.options.WebSocket(url);
      } catch {
        resolve('failed');
        return;
      }
      this.socket = socket;
      let opened = false;
      socket.onopen = () => {
        if (this.state === 'closed') {
          socket.close(1000, 'closed by the client');
          return;
        }
        opened = true;
        this.attempt = 0;
        const reconnect = this.opened;
        this.opened = true;
        this.lastFrameAt = Date.now();
        this.startHeartbeat(socket);
        this.setState('connected');
        this.connected?.resolve();
        this.connected = undefined;
        this.emit('open', { reconnect });
      };
      socket.onmessage = (event) => this.onFrame(event.data);
      socket.onerror = () => undefined; // the close that follows says it all
      socket.onclose = () => {
        this.stopHeartbeat();
        if (this.socket === socket) this.socket = undefined;
        resolve(opened ? 'opened-then-closed' : 'failed');
      };
    });
  }

  private onFrame(data: unknown): void {
    this.lastFrameAt = Date.now();
    let frame: ServerFrame;
    try {
      frame = JSON.parse(String(data)) as ServerFrame;
    } catch {
      return;
    }
    if (typeof frame !== 'object' || frame === null || typeof frame.type !== 'string') return;
    if (typeof frame.eventId === 'string') {
      if (this.seen.has(frame.eventId)) return;
      this.seen.add(frame.eventId);
      if (this.seen.size > SEEN_EVENT_IDS) this.seen.delete(this.seen.values().next().value as string);
    }
    this.emit('frame', frame);
  }

  private startHeartbeat(socket: WebSocketLike): void {
    this.stopHeartbeat();
    const every = this.options.heartbeatMs ?? 30_000;
    const timeout = this.options.pongTimeoutMs ?? 10_000;
    this.heartbeat = setInterval(() => {
      if (Date.now() - this.lastFrameAt > every + timeout) {
        socket.close(4001, 'no answer to the heartbeat');
        return;
      }
      if (socket.readyState === OPEN) socket.send(JSON.stringify({ action: 'ping' }));
    }, every);
    (this.heartbeat as { unref?: () => void }).unref?.();
  }

  private stopHeartbeat(): void {
    if (this.heartbeat !== undefined) clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }
}
