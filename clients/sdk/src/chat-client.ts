import { createApi, type ChatApi } from './api.js';
import type { BackoffOptions } from './backoff.js';
import {
  Connection,
  type ConnectionState,
  type ServerFrame,
  type WebSocketConstructor,
} from './connection.js';
import { Emitter } from './emitter.js';
import { ChatClientError } from './errors.js';
import type {
  LoginRequest,
  Notification,
  Registered,
  RegisterRequest,
  UserPresence,
} from './generated/api-types.js';
import { httpTransport, type Fetch } from './http.js';
import { Room } from './room.js';
import { sessionOf, TokenKeeper, type Session } from './session.js';

export interface ChatClientOptions {
  /** The REST API, e.g. `http://127.0.0.1:3000`. */
  httpUrl: string;
  /** The WebSocket API, e.g. `ws://127.0.0.1:3001`. */
  wsUrl: string;
  /** A WebSocket constructor (default: the global one; on Node 20 pass the `ws` package's). */
  WebSocket?: WebSocketConstructor;
  /** Default: the global `fetch`. */
  fetch?: Fetch;
  /** A session kept from before (`chat.session`): no login needed. */
  session?: Session;
  /** Heartbeat ping interval (default 30 s) and how long a ping may go unanswered (default 10 s). */
  heartbeatMs?: number;
  pongTimeoutMs?: number;
  /** Reconnects and send retries. */
  backoff?: BackoffOptions;
}

interface ChatEvents extends Record<string, unknown> {
  state: ConnectionState;
  notification: Notification;
  presence: UserPresence;
  /** The session changed (login, refresh, logout: `undefined`); apps that keep it store it here. */
  session: Session | undefined;
  /**
   * Every frame the server pushed (once each, after the client applied it): for what the client does not keep
   * itself, such as unread badges of rooms not open, read receipts, member changes and thread replies.
   */
  frame: ServerFrame;
}

function requireUrl(value: unknown, name: string, protocols: string[]): string {
  if (typeof value !== 'string') throw new ChatClientError(`${name} must be a URL`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ChatClientError(`${name} must be a URL: ${value}`);
  }
  if (!protocols.includes(url.protocol))
    throw new ChatClientError(`${name} must be ${protocols.join(' or ')}`);
  return value.replace(/\/+$/, '');
}

let idCounter = 0;
function newClientMessageId(): string {
  const random =
    globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  idCounter += 1;
  return `c-${random}-${idCounter}`;
}

/**
 * The chat client: the REST API (`api`), the session's tokens kept fresh, one WebSocket kept open, and rooms
 * kept exactly in step with the server.
 */
export class ChatClient extends Emitter<ChatEvents> {
  /** A typed function per REST route of the contract. */
  readonly api: ChatApi;
  private readonly tokens: TokenKeeper;
  private readonly connection: Connection;
  private readonly rooms = new Map<string, Room>();
  private readonly opening = new Map<string, Promise<Room>>();
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: ChatClientOptions) {
    super();
    const httpUrl = requireUrl(options?.httpUrl, 'httpUrl', ['http:', 'https:']);
    const wsUrl = requireUrl(options.wsUrl, 'wsUrl', ['ws:', 'wss:']);
    const WebSocketImpl = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    if (!WebSocketImpl) throw new ChatClientError('no WebSocket: pass one (on Node 20, the ws package)');
    const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);

    this.tokens = new TokenKeeper((refreshToken) => this.api.refresh({ refreshToken }));
    this.api = createApi(
      httpTransport(
        httpUrl,
        {
          accessToken: () => this.validAccessToken(),
          refreshedAccessToken: async () => {
            if (!this.tokens.session) return undefined;
            try {
              return (await this.refreshSession()).accessToken;
            } catch {
              return undefined;
            }
          },
        },
        fetchImpl,
      ),
    );
    this.connection = new Connection({
      url: `${wsUrl}/`,
      WebSocket: WebSocketImpl,
      token: async (failedAttempts) =>
        failedAttempts >= 2 ? (await this.refreshSession()).accessToken : this.validAccessToken(),
      ...(options.heartbeatMs === undefined ? {} : { heartbeatMs: options.heartbeatMs }),
      ...(options.pongTimeoutMs === undefined ? {} : { pongTimeoutMs: options.pongTimeoutMs }),
      ...(options.backoff ? { backoff: options.backoff } : {}),
    });
    this.connection.on('state', (state) => this.emit('state', state));
    this.connection.on('frame', (frame) => this.onFrame(frame));
    this.connection.on('open', ({ reconnect }) => {
      if (reconnect) for (const room of this.rooms.values()) room.onReconnected();
    });
    if (options.session) this.useSession(options.session);
  }

  /** `idle` until `connect()`, then `connecting`, `connected`, `reconnecting` (after a loss), `closed`. */
  get state(): ConnectionState {
    return this.connection.state;
  }

  /** The signed-in session (tokens and userId), to keep and give back as `options.session`. */
  get session(): Session | undefined {
    return this.tokens.session;
  }

  get userId(): string | undefined {
    return this.tokens.session?.userId;
  }

  register(request: RegisterRequest): Promise<Registered> {
    return this.api.register(request);
  }

  /** Signs in; the tokens are kept and refreshed before they expire. */
  async login(request: LoginRequest): Promise<Session> {
    const session = sessionOf(await this.api.login(request), Date.now());
    this.useSession(session);
    return session;
  }

  /** Uses a session kept from before (or one refreshed elsewhere). */
  useSession(session: Session): void {
    if (typeof session?.accessToken !== 'string' || typeof session.refreshToken !== 'string') {
      throw new ChatClientError('a session needs accessToken and refreshToken');
    }
    this.tokens.set(session);
    this.scheduleRefresh();
    this.emit('session', session);
  }

  /** Opens the WebSocket; resolves once connected (it then stays connected, reconnecting as needed). */
  connect(): Promise<void> {
    if (!this.tokens.session) return Promise.reject(new ChatClientError('not signed in: call login() first'));
    return this.connection.open();
  }

  /** Loads a room and keeps it in step; opening the same room again gives the same `Room`. */
  openRoom(roomId: string): Promise<Room> {
    if (typeof roomId !== 'string' || roomId === '') {
      return Promise.reject(new ChatClientError('roomId must be a non-empty string'));
    }
    const userId = this.userId;
    if (!userId) return Promise.reject(new ChatClientError('not signed in: call login() first'));
    const known = this.opening.get(roomId);
    if (known) return known;
    const room = new Room({
      roomId,
      userId,
      api: this.api,
      connection: this.connection,
      newClientMessageId,
      ...(this.options.backoff ? { backoff: this.options.backoff } : {}),
    });
    this.rooms.set(roomId, room);
    const opened = room.load().then(
      () => room,
      (error: unknown) => {
        this.rooms.delete(roomId);
        this.opening.delete(roomId);
        throw error;
      },
    );
    this.opening.set(roomId, opened);
    return opened;
  }

  /** Signs out everywhere (the server refuses every earlier token and closes the user's sockets), then closes. */
  async logout(): Promise<void> {
    const session = this.tokens.session;
    if (session) await this.api.logout({ refreshToken: session.refreshToken });
    await this.close();
    this.tokens.set(undefined);
    this.emit('session', undefined);
  }

  /** Closes the socket and every room; pending sends reject. The session is kept. */
  async close(): Promise<void> {
    if (this.refreshTimer !== undefined) clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
    for (const room of this.rooms.values()) room.close();
    this.rooms.clear();
    this.opening.clear();
    this.connection.close();
  }

  private async validAccessToken(): Promise<string> {
    const refreshing = this.tokens.needsRefresh();
    const token = await this.tokens.accessToken();
    if (refreshing) this.afterRefresh();
    return token;
  }

  private async refreshSession(): Promise<Session> {
    const session = await this.tokens.forceRefresh();
    this.afterRefresh();
    return session;
  }

  private afterRefresh(): void {
    this.scheduleRefresh();
    this.emit('session', this.tokens.session);
  }

  /** A refresh shortly before the access token expires, so a reconnect never waits on one. */
  private scheduleRefresh(): void {
    if (this.refreshTimer !== undefined) clearTimeout(this.refreshTimer);
    const session = this.tokens.session;
    if (!session) return;
    const due = Math.max(0, session.expiresAt - Date.now() - 2 * 60_000);
    this.refreshTimer = setTimeout(
      () => {
        this.refreshTimer = undefined;
        void this.refreshSession().catch(() => this.scheduleRefresh());
      },
      Math.min(due, 2 ** 31 - 1),
    );
    (this.refreshTimer as { unref?: () => void }).unref?.();
  }

  private onFrame(frame: ServerFrame): void {
    if (frame.type === 'notification' && frame.notification) {
      this.emit('notification', frame.notification as Notification);
    } else if (frame.type === 'presence.changed') {
      const { userId, status, lastSeenAt } = frame as unknown as UserPresence;
      this.emit('presence', { userId, status, lastSeenAt });
    } else if (typeof frame.roomId === 'string') {
      this.rooms.get(frame.roomId)?.onFrame(frame);
    }
    this.emit('frame', frame);
  }
}
