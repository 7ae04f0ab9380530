import type { Message } from './generated/api-types.js';

/**
 * One live change of a room's messages, as its frame carries it: the room version it took and, for
 * `message.sent`/`message.edited` (and a send's answer), the message in its new state. A change without the
 * message (`message.deleted`, `reaction.changed`) is read from the changes feed.
 */
export interface LiveChange {
  version: number;
  message?: Message;
}

/** What applying changes did: messages seen for the first time (in seq order) and messages that changed. */
export interface Applied {
  added: Message[];
  changed: Message[];
}

const seqOf = (message: Message) => message.seq ?? 0;
const versionOf = (message: Message) => message.version ?? 0;
/** Replies (an addition of the contract) are not top-level messages. */
const isTopLevel = (message: Message) => (message as { threadId?: string }).threadId === undefined;

/**
 * The state of one room's top-level messages as a client holds it, with no I/O: every change up to `version`
 * is reflected; a message never goes back to an older version; each message is added once. Live changes are
 * applied in version order: one that leaves a gap is held until the changes feed has filled it (`needsCatchUp`).
 * The window: history older than the oldest loaded message is not held (`loadOlder` reads it), so changes of such
 * messages are left out.
 */
export class RoomTimeline {
  /** Every change up to this room version is reflected. */
  version = 0;
  private readonly byId = new Map<string, Message>();
  private readonly held = new Map<number, LiveChange>();
  private sorted: Message[] | undefined;
  /** Messages below this seq are older history, not loaded (0: everything is). */
  private windowStart = 0;

  /** Top-level messages in seq order, each in its latest state. */
  get messages(): Message[] {
    this.sorted ??= [...this.byId.values()].sort((a, b) => seqOf(a) - seqOf(b));
    return this.sorted;
  }

  get oldestSeq(): number | undefined {
    return this.messages[0] === undefined ? undefined : seqOf(this.messages[0]);
  }

  has(messageId: string): boolean {
    return this.byId.has(messageId);
  }

  /** The first load: the newest page of history at (or after) room version `version`. */
  load(page: Message[], version: number, olderRemain: boolean): void {
    this.version = Math.max(this.version, version);
    for (const message of page) this.put(message);
    this.windowStart = olderRemain ? (this.oldestSeq ?? 0) : 0;
  }

  /** Older history (from `loadOlder`): in the window from now on, not "new". */
  addOlder(page: Message[], olderRemain: boolean): Message[] {
    const added = page.filter((message) => isTopLevel(message) && this.put(message) === 'added');
    this.windowStart = olderRemain ? Math.min(this.windowStart, ...page.map(seqOf)) : 0;
    return added;
  }

  /**
   * A live change. Applied when it is the next version (then any held ones that follow it); an older one only
   * updates a message it is newer for; a later one is held until a catch-up fills the gap.
   */
  applyLive(change: LiveChange): Applied {
    const result: Applied = { added: [], changed: [] };
    if (change.version > this.version + 1 || (change.version === this.version + 1 && !change.message)) {
      this.held.set(change.version, change);
      return result;
    }
    if (change.message) this.applyMessage(change.message, result);
    if (change.version === this.version + 1) {
      this.version = change.version;
      this.drainHeld(result);
    }
    result.added.sort((a, b) => seqOf(a) - seqOf(b));
    return result;
  }

  /** A gap (or a change without its message) is held: read `changes?since=version` and give it to `applyFeed`. */
  get needsCatchUp(): boolean {
    return this.held.size > 0;
  }

  /**
   * A page of the changes feed (messages in their current state, ascending by version). With `roomVersion`
   * (the last page's `version`), every change up to it is reflected; held changes it covers are dropped and the
   * ones that follow are applied.
   */
  applyFeed(items: Message[], roomVersion?: number): Applied {
    const result: Applied = { added: [], changed: [] };
    for (const message of items) this.applyMessage(message, result);
    if (roomVersion !== undefined) {
      this.version = Math.max(this.version, roomVersion);
      for (const version of this.held.keys()) if (version <= this.version) this.held.delete(version);
      this.drainHeld(result);
    }
    result.added.sort((a, b) => seqOf(a) - seqOf(b));
    return result;
  }

  private drainHeld(result: Applied): void {
    for (let next = this.held.get(this.version + 1); next?.message; next = this.held.get(this.version + 1)) {
      this.held.delete(next.version);
      this.applyMessage(next.message, result);
      this.version = next.version;
    }
  }

  private applyMessage(message: Message, result: Applied): void {
    if (!isTopLevel(message)) return;
    if (!this.byId.has(message.messageId) && seqOf(message) < this.windowStart) return;
    const outcome = this.put(message);
    if (outcome === 'added') result.added.push(message);
    if (outcome === 'changed') result.changed.push(message);
  }

  /** Stores the message unless the one held is as new or newer. */
  private put(message: Message): 'added' | 'changed' | 'kept' {
    const held = this.byId.get(message.messageId);
    if (held && versionOf(held) >= versionOf(message)) return 'kept';
    this.byId.set(message.messageId, message);
    this.sorted = undefined;
    return held ? 'changed' : 'added';
  }
}
