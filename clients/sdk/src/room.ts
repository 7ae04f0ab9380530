import type { ChatApi } from './api.js';
import type { Connection, ServerFrame } from './connection.js';
import { Emitter } from './emitter.js';
import { ChatClientError } from './errors.js';
import type { Message } from './generated/api-types.js';
import { Outbox, type Draft, type PendingMessage } from './outbox.js';
import { RoomTimeline, type Applied, type LiveChange } from './room-timeline.js';
import type { BackoffOptions } from './backoff.js';

/** Typing is forwarded at most this often per room (the server drops the rest anyway). */
export const TYPING_THROTTLE_MS = 2_000;
const CHANGES_PAGE = 200;
const HISTORY_PAGE = 50;

interface RoomEvents extends Record<string, unknown> {
  /** A message seen for the first time, in seq order, once (also after reconnects). */
  message: Message;
  /** A message that changed: edited, deleted (a tombstone), its reactions. */
  change: Message;
  /** Another member is typing. */
  typing: string;
  /** `pending` changed. */
  pending: PendingMessage[];
}

export interface RoomDependencies {
  roomId: string;
  userId: string;
  api: ChatApi;
  connection: Connection;
  newClientMessageId: () => string;
  backoff?: BackoffOptions;
}

/** The frames that change a room's messages; each carries the room version of its change. */
const CHANGE_FRAMES = new Set(['message.sent', 'message.edited', 'message.deleted', 'reaction.changed']);

/**
 * An open room: its messages kept exactly in step with the server (live frames applied in version order, gaps
 * and reconnects filled from the changes feed), an outbox of sends, typing.
 */
export class Room extends Emitter<RoomEvents> {
  readonly roomId: string;
  private readonly timeline = new RoomTimeline();
  private readonly outbox: Outbox;
  /** Live changes that arrived while the room was loading (applied once it is). */
  private loaded = false;
  private readonly early: LiveChange[] = [];
  private syncing: Promise<void> | undefined;
  private syncAgain = false;
  private olderRemain = true;
  private lastTypingAt = Number.NEGATIVE_INFINITY;
  private closed = false;

  constructor(private readonly deps: RoomDependencies) {
    super();
    this.roomId = deps.roomId;
    this.outbox = new Outbox({
      store: ({ clientMessageId, text, threadId, attachmentIds }) =>
        deps.api.sendMessage(this.roomId, {
          text,
          clientMessageId,
          ...(attachmentIds ? { attachmentIds } : {}),
          ...(threadId ? { threadId } : {}),
        }),
      ...(deps.backoff ? { backoff: deps.backoff } : {}),
      onChange: () => this.emit('pending', this.pending),
    });
  }

  /** Top-level messages in seq order, each once, in its latest state. */
  get messages(): Message[] {
    return this.timeline.messages;
  }

  /** Sends not stored yet (kept across reconnects, retried with the same clientMessageId). */
  get pending(): PendingMessage[] {
    return this.outbox.pending;
  }

  /** The room version every change up to which is reflected in `messages`. */
  get version(): number {
    return this.timeline.version;
  }

  /** Whether older history remains to `loadOlder`. */
  get hasOlder(): boolean {
    return this.olderRemain;
  }

  /** Loads the room: its version first, then the newest page, then everything since that version. */
  async load(): Promise<void> {
    const { version } = await this.deps.api.listChanges(this.roomId, { since: 0, limit: 1 });
    const page = await this.deps.api.listMessages(this.roomId, { limit: HISTORY_PAGE });
    this.olderRemain = page.nextCursor !== null;
    this.timeline.load(page.items, version, this.olderRemain);
    this.loaded = true;
    for (const change of this.early.splice(0)) this.report(this.timeline.applyLive(change));
    await this.catchUp();
  }

  /**
   * Sends a message through the outbox; resolves with the stored message (also when the answer was lost and a
   * retry found it stored).
   */
  send(text: string, options: { threadId?: string; attachmentIds?: string[] } = {}): Promise<Message> {
    if (this.closed) return Promise.reject(new ChatClientError('the room is closed'));
    if (typeof text !== 'string') return Promise.reject(new ChatClientError('text must be a string'));
    const draft: Draft = { text, ...options };
    return this.outbox.add(draft, this.deps.newClientMessageId()).then((message) => {
      this.onLiveChange({ version: message.version ?? 0, message });
      return message;
    });
  }

  /** Tells the room's other online members the caller is typing (at most once every 2 s). */
  typing(now = Date.now()): void {
    if (now - this.lastTypingAt < TYPING_THROTTLE_MS) return;
    if (this.deps.connection.send({ action: 'typing', roomId: this.roomId })) this.lastTypingAt = now;
  }

  /** The next page of older history, added to `messages`; resolves with what was added (empty at the start). */
  async loadOlder(limit = HISTORY_PAGE): Promise<Message[]> {
    const oldest = this.timeline.messages[0];
    if (!this.olderRemain) return [];
    const page = await this.deps.api.listMessages(
      this.roomId,
      oldest ? { limit, before: oldest.messageId } : { limit },
    );
    this.olderRemain = page.nextCursor !== null;
    return this.timeline.addOlder(page.items, this.olderRemain);
  }

  /** Stops following the room; pending sends reject. */
  close(): void {
    this.closed = true;
    this.outbox.abandon(new ChatClientError('the room was closed'));
  }

  /** @internal A frame from the connection. */
  onFrame(frame: ServerFrame): void {
    if (this.closed || frame.roomId !== this.roomId) return;
    if (frame.type === 'typing') {
      if (typeof frame.userId === 'string' && frame.userId !== this.deps.userId)
        this.emit('typing', frame.userId);
      return;
    }
    if (!CHANGE_FRAMES.has(frame.type) || typeof frame.version !== 'number') return;
    const message =
      frame.type === 'message.sent' || frame.type === 'message.edited' ? frame.message : undefined;
    this.onLiveChange({ version: frame.version, ...(message ? { message: message as Message } : {}) });
  }

  /** @internal The socket (re)opened: frames flow again, so read what was missed meanwhile. */
  onReconnected(): void {
    if (this.closed) return;
    this.outbox.retryNow();
    if (this.loaded) void this.catchUp();
  }

  private onLiveChange(change: LiveChange): void {
    if (!this.loaded) {
      this.early.push(change);
      return;
    }
    this.report(this.timeline.applyLive(change));
    if (this.timeline.needsCatchUp) void this.catchUp();
  }

  /** Reads the changes feed from the held version to the end, page by page (one run at a time). */
  private catchUp(): Promise<void> {
    if (this.syncing) {
      this.syncAgain = true;
      return this.syncing;
    }
    this.syncing = (async () => {
      do {
        this.syncAgain = false;
        let since = this.timeline.version;
        for (;;) {
          if (this.closed) return;
          const feed = await this.deps.api.listChanges(this.roomId, { since, limit: CHANGES_PAGE });
          const done = feed.nextSince === null;
          this.report(this.timeline.applyFeed(feed.items, done ? feed.version : undefined));
          if (done) break;
          since = feed.nextSince as number;
        }
      } while (this.syncAgain || this.timeline.needsCatchUp);
    })()
      .catch(() => {
        // offline or failing: the next reconnect (or gap) catches up again
        this.syncAgain = false;
      })
      .finally(() => {
        this.syncing = undefined;
      });
    return this.syncing;
  }

  private report(applied: Applied): void {
    for (const message of applied.added) this.emit('message', message);
    for (const message of applied.changed) this.emit('change', message);
  }
}
