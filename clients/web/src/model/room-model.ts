import {
  ChatApiError,
  type ChatApi,
  type Member,
  type Message,
  type PendingMessage,
  type Room,
  type ServerFrame,
} from '@chat/client';

/** A room's details (`Room` of the contract; the SDK's `Room` class is the live room). */
export type RoomInfo = Awaited<ReturnType<ChatApi['getRoom']>>;
import type { ChatStore } from './chat-store';
import { Observable } from './observable';

/** Someone stops being shown as typing this long after their last typing frame. */
const TYPING_SHOWN_MS = 4_000;
const MEMBERS_PAGE = 100;
const MAX_MEMBERS_LOADED = 1_000;

/** A send the server refused (or that was abandoned): shown with Retry and Discard. */
export interface FailedSend {
  id: string;
  text: string;
  threadId?: string;
  attachmentIds?: string[];
  reason: string;
}

/** An attachment's download URL, fetched once and kept until shortly before it expires. */
interface Download {
  url: string;
  expiresAt: number;
}

function reasonOf(error: unknown): string {
  if (error instanceof ChatApiError) return error.message;
  return error instanceof Error ? error.message : 'not sent';
}

/**
 * One room as the views need it, on top of the SDK's `Room` (which keeps the messages exact): the room's
 * details and members, who is typing, failed sends, a thread being read, read markers, attachment URLs.
 */
export class RoomModel extends Observable {
  info: RoomInfo | undefined;
  room: Room | undefined;
  members: Member[] = [];
  error: string | undefined;
  loadingOlder = false;
  failed: FailedSend[] = [];
  /** userId → when their typing stops being shown. */
  readonly typing = new Map<string, number>();
  /** Other members' read positions (seq), from `read.updated` frames. */
  readonly readSeq = new Map<string, number>();
  /** The open thread: its parent's id and its replies, oldest first. */
  thread: { parentId: string; replies: Message[]; loading: boolean } | undefined;
  /** Replies seen live per parent (the parent's `thread` summary follows in seconds, without a frame). */
  private readonly liveReplies = new Map<string, Set<string>>();
  private readonly downloads = new Map<string, Promise<Download>>();
  private loading: Promise<void> | undefined;
  private lastMarked: string | undefined;
  private failedCounter = 0;

  constructor(
    private readonly store: ChatStore,
    readonly roomId: string,
  ) {
    super();
    store.chat.on('frame', (frame) => this.onFrame(frame));
  }

  get messages(): Message[] {
    return this.room?.messages ?? [];
  }

  get pending(): PendingMessage[] {
    return (this.room?.pending ?? []).filter((p) => !p.threadId);
  }

  get typingUserIds(): string[] {
    const now = Date.now();
    return [...this.typing].filter(([, until]) => until > now).map(([userId]) => userId);
  }

  /** Opens the room once: its details, members (for names and mentions) and messages. */
  load(): Promise<void> {
    this.loading ??= (async () => {
      try {
        const [info, room] = await Promise.all([
          this.store.chat.api.getRoom(this.roomId),
          this.store.chat.openRoom(this.roomId),
          this.loadMembers(),
        ]);
        this.info = info;
        this.room = room;
        room.on('message', () => this.changed());
        room.on('change', () => this.changed());
        room.on('pending', () => this.changed());
        room.on('typing', (userId) => {
          this.typing.set(userId, Date.now() + TYPING_SHOWN_MS);
          this.changed();
          setTimeout(() => this.changed(), TYPING_SHOWN_MS + 50);
        });
        this.error = undefined;
        void this.loadReceipts();
      } catch (error) {
        this.error = reasonOf(error);
        this.loading = undefined;
      }
      this.changed();
    })();
    return this.loading;
  }

  private async loadMembers(): Promise<void> {
    const members: Member[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.store.chat.api.listMembers(this.roomId, {
        limit: MEMBERS_PAGE,
        ...(cursor ? { cursor } : {}),
      });
      members.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && members.length < MAX_MEMBERS_LOADED);
    this.members = members;
    this.store.rememberMembers(members);
    void this.store.loadPresence(members.map((member) => member.userId)).catch(() => undefined);
  }

  private async loadReceipts(): Promise<void> {
    const { items } = await this.store.chat.api
      .listReceipts(this.roomId, { limit: 100 })
      .catch(() => ({ items: [] }));
    for (const { userId, lastReadSeq } of items) {
      if (typeof lastReadSeq === 'number') {
        this.readSeq.set(userId, Math.max(lastReadSeq, this.readSeq.get(userId) ?? 0));
      }
    }
    this.changed();
  }

  async loadOlder(): Promise<void> {
    if (!this.room || !this.room.hasOlder || this.loadingOlder) return;
    this.loadingOlder = true;
    this.changed();
    try {
      await this.room.loadOlder();
    } catch (error) {
      this.error = reasonOf(error);
    } finally {
      this.loadingOlder = false;
      this.changed();
    }
  }

  /**
   * Sends through the SDK's outbox; a refusal becomes a failed send with Retry. A send made while the room is
   * still opening goes out once it is open: nothing typed is dropped.
   */
  send(text: string, options: { threadId?: string; attachmentIds?: string[] } = {}): void {
    const opened = this.room ? Promise.resolve(this.room) : this.load().then(() => this.room);
    opened
      .then((room) => {
        if (!room) throw new Error(this.error ?? 'The room could not be opened');
        return room.send(text, options);
      })
      .then(
        (message) => {
          if (message.threadId) this.addReply(message);
          this.changed();
        },
        (error: unknown) => {
          this.failedCounter += 1;
          this.failed = [
            ...this.failed,
            { id: `f${this.failedCounter}`, text, ...options, reason: reasonOf(error) },
          ];
          this.changed();
        },
      );
    this.changed();
  }

  retry(id: string): void {
    const failed = this.failed.find((f) => f.id === id);
    if (!failed) return;
    this.discard(id);
    this.send(failed.text, {
      ...(failed.threadId ? { threadId: failed.threadId } : {}),
      ...(failed.attachmentIds ? { attachmentIds: failed.attachmentIds } : {}),
    });
  }

  discard(id: string): void {
    this.failed = this.failed.filter((f) => f.id !== id);
    this.changed();
  }

  typingNow(): void {
    this.room?.typing();
  }

  /** Moves the read marker to the newest message (once per message). */
  markRead(): void {
    const newest = this.messages[this.messages.length - 1];
    if (!newest || newest.messageId === this.lastMarked) return;
    this.lastMarked = newest.messageId;
    void this.store.chat.api.markRead(this.roomId, { messageId: newest.messageId }).catch(() => {
      this.lastMarked = undefined;
    });
  }

  async edit(messageId: string, text: string): Promise<void> {
    await this.store.chat.api.editMessage(this.roomId, messageId, { text });
  }

  async remove(messageId: string): Promise<void> {
    await this.store.chat.api.deleteMessage(this.roomId, messageId);
  }

  /** Adds the reader's reaction, or takes it back when they already gave it. */
  async toggleReaction(message: Message, reaction: string): Promise<void> {
    const mine = message.reactions?.some((r) => r.reaction === reaction && r.userIds.includes(this.myId));
    if (mine) await this.store.chat.api.removeReaction(this.roomId, message.messageId, reaction);
    else await this.store.chat.api.addReaction(this.roomId, message.messageId, reaction);
  }

  get myId(): string {
    return this.store.myId ?? '';
  }

  /** Uploads a file (a presigned PUT) and gives the attachment id to send with. */
  async upload(file: File): Promise<string> {
    const ticket = await this.store.chat.api.createAttachment(this.roomId, {
      fileName: file.name,
      contentType: file.type || 'application/octet-stream',
      size: file.size,
    });
    const response = await fetch(ticket.uploadUrl, {
      method: 'PUT',
      headers: ticket.uploadHeaders,
      body: file,
    });
    if (!response.ok) throw new Error(`the upload failed (${response.status})`);
    return ticket.attachmentId;
  }

  /** A download URL for an attachment (kept until a minute before it expires). */
  downloadUrl(attachmentId: string): Promise<string> {
    let known = this.downloads.get(attachmentId);
    const fresh = (download: Download) => download.expiresAt - Date.now() > 60_000;
    known = known?.then((d) => (fresh(d) ? d : this.fetchDownload(attachmentId)));
    known ??= this.fetchDownload(attachmentId);
    this.downloads.set(attachmentId, known);
    known.catch(() => this.downloads.delete(attachmentId));
    return known.then((d) => d.url);
  }

  private async fetchDownload(attachmentId: string): Promise<Download> {
    const ticket = await this.store.chat.api.getAttachment(this.roomId, attachmentId);
    return { url: ticket.downloadUrl, expiresAt: Date.parse(ticket.expiresAt) };
  }

  /** Opens a thread: the parent's replies, oldest first, kept live from the room's frames. */
  async openThread(parentId: string): Promise<void> {
    this.thread = { parentId, replies: [], loading: true };
    this.changed();
    try {
      const page = await this.store.chat.api.listReplies(this.roomId, parentId, { limit: 100 });
      if (this.thread?.parentId !== parentId) return;
      const known = new Map(this.thread.replies.map((reply) => [reply.messageId, reply]));
      for (const reply of page.items) if (!known.has(reply.messageId)) known.set(reply.messageId, reply);
      this.thread = { parentId, replies: sortBySeq([...known.values()]), loading: false };
    } catch (error) {
      this.error = reasonOf(error);
      if (this.thread) this.thread = { ...this.thread, loading: false };
    }
    this.changed();
  }

  closeThread(): void {
    this.thread = undefined;
    this.changed();
  }

  get threadPending(): PendingMessage[] {
    const parentId = this.thread?.parentId;
    return parentId ? (this.room?.pending ?? []).filter((p) => p.threadId === parentId) : [];
  }

  /** A parent's reply count: its summary, or the replies seen live when those are more. */
  replyCountOf(message: Message): number {
    return Math.max(message.thread?.replyCount ?? 0, this.liveReplies.get(message.messageId)?.size ?? 0);
  }

  private addReply(reply: Message): void {
    if (reply.threadId) {
      const seen = this.liveReplies.get(reply.threadId) ?? new Set<string>();
      seen.add(reply.messageId);
      this.liveReplies.set(reply.threadId, seen);
    }
    if (!this.thread || reply.threadId !== this.thread.parentId) return;
    const others = this.thread.replies.filter((r) => r.messageId !== reply.messageId);
    const held = this.thread.replies.find((r) => r.messageId === reply.messageId);
    if (held && (held.version ?? 0) > (reply.version ?? 0)) return;
    this.thread = { ...this.thread, replies: sortBySeq([...others, reply]) };
  }

  private onFrame(frame: ServerFrame): void {
    if (frame.roomId !== this.roomId && (frame.message as Message | undefined)?.roomId !== this.roomId)
      return;
    const message = frame.message as Message | undefined;
    if ((frame.type === 'message.sent' || frame.type === 'message.edited') && message?.threadId) {
      this.addReply(message);
      this.changed();
    } else if (frame.type === 'message.sent' && message) {
      // a message ends its sender's typing
      if (this.typing.delete(message.senderId)) this.changed();
    } else if (
      frame.type === 'read.updated' &&
      typeof frame.userId === 'string' &&
      typeof frame.seq === 'number'
    ) {
      this.readSeq.set(frame.userId, Math.max(frame.seq, this.readSeq.get(frame.userId) ?? 0));
      this.changed();
    } else if (frame.type === 'member.joined' || frame.type === 'member.left') {
      void this.loadMembers().then(() => this.changed());
    }
  }
}

function sortBySeq(messages: Message[]): Message[] {
  return messages.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0) || a.messageId.localeCompare(b.messageId));
}
