import {
  ChatClient,
  type ConnectionState,
  type Member,
  type Message,
  type MyRoom,
  type Notification,
  type ServerFrame,
  type Session,
  type User,
} from '@chat/client';
import { Observable } from './observable';
import { RoomModel } from './room-model';

export interface WebConfig {
  httpUrl: string;
  wsUrl: string;
}

const PREVIEW_LENGTH = 140;

/**
 * The app's state around one signed-in `ChatClient`: the room list (last message, unread badges, DM partners),
 * who is who (usernames by id), presence, the notification inbox and the connection state. Views read its fields
 * and re-render on change (`useObservable`).
 */
/** How long after a live message its room's badge is counted again by the server (a burst counts once). */
const RECOUNT_DELAY_MS = 300;

export class ChatStore extends Observable {
  readonly chat: ChatClient;
  me: User | undefined;
  connection: ConnectionState;
  rooms: MyRoom[] = [];
  roomsLoaded = false;
  readonly unread = new Map<string, { count: number; capped: boolean }>();
  /**
   * When each badge last changed here (a live message, opening the room), on a counter: an answer of
   * `GET /unread` asked for before that change is older than the badge and is not applied to it.
   */
  private readonly badgeChangedAt = new Map<string, number>();
  private badgeClock = 0;
  readonly presence = new Map<string, 'online' | 'offline'>();
  readonly names = new Map<string, string>();
  /** The other member of each DM. */
  readonly dmPartner = new Map<string, string>();
  notifications: Notification[] = [];
  unseenNotifications = 0;
  activeRoomId: string | undefined;
  private readonly models = new Map<string, RoomModel>();
  /** Messages of rooms not in the list yet (a DM just opened by someone): applied once the list has the room. */
  private readonly early = new Map<string, Message>();
  private readonly stops: Array<() => void> = [];

  constructor(config: WebConfig, session: Session, onSession: (session: Session | undefined) => void) {
    super();
    this.chat = new ChatClient({ httpUrl: config.httpUrl, wsUrl: config.wsUrl, session });
    this.connection = this.chat.state;
    this.stops.push(
      this.chat.on('session', onSession),
      this.chat.on('state', (state) => {
        this.connection = state;
        // back online: badges and previews may have moved meanwhile
        if (state === 'connected' && this.roomsLoaded) void this.loadRooms();
        this.changed();
      }),
      this.chat.on('presence', ({ userId, status }) => {
        this.presence.set(userId, status);
        this.changed();
      }),
      this.chat.on('notification', (notification) => {
        this.notifications = [notification, ...this.notifications];
        this.unseenNotifications += 1;
        this.changed();
      }),
      this.chat.on('frame', (frame) => this.onFrame(frame)),
    );
  }

  get myId(): string | undefined {
    return this.chat.userId;
  }

  /** Loads the profile and the room list, then connects (the list shows while the socket opens). */
  async start(): Promise<void> {
    const connecting = this.chat.connect().catch(() => undefined);
    this.me = await this.chat.api.getMe();
    this.names.set(this.me.userId, this.me.username);
    this.changed();
    await Promise.all([this.loadRooms(), this.loadNotifications()]);
    await connecting;
  }

  nameOf(userId: string): string {
    return this.names.get(userId) ?? 'someone';
  }

  /** A room's title: its name, or for a DM the other member's username. */
  titleOf(room: { roomId: string; kind: string; name: string }): string {
    if (room.kind !== 'dm') return room.name;
    const partner = this.dmPartner.get(room.roomId);
    return partner ? this.nameOf(partner) : 'Direct message';
  }

  rememberMembers(members: readonly Member[]): void {
    for (const member of members) this.names.set(member.userId, member.username);
    this.changed();
  }

  rememberUsers(users: readonly User[]): void {
    for (const user of users) this.names.set(user.userId, user.username);
    this.changed();
  }

  async loadRooms(): Promise<void> {
    const { items } = await this.chat.api.listMyRooms();
    // the list is eventually consistent (seconds): a last message seen live and newer than the listed one stays
    const seen = new Map(this.rooms.map((room) => [room.roomId, room.lastMessage]));
    this.rooms = items
      .map((room) => {
        const live = seen.get(room.roomId);
        const listed = room.lastMessage;
        const newer = live && (live.seq ?? 0) > (listed?.seq ?? 0);
        // the same message seen live with its attachment's name: better than the list's empty preview
        const richer = live && listed && live.messageId === listed.messageId && listed.preview === '';
        return live && (newer || richer)
          ? { ...room, lastMessage: live, lastActivityAt: live.createdAt }
          : room;
      })
      .sort((a, b) => (b.lastActivityAt ?? '').localeCompare(a.lastActivityAt ?? ''));
    this.roomsLoaded = true;
    this.changed();
    const ids = items.map((room) => room.roomId);
    const unreadsLoaded = this.loadUnreads(ids).then(() => {
      // messages of rooms that were not listed yet
      for (const [roomId, message] of this.early) {
        const room = this.rooms.find((r) => r.roomId === roomId);
        if (!room) continue;
        this.early.delete(roomId);
        if ((room.lastMessage?.seq ?? 0) < (message.seq ?? 0)) this.showLastMessage(message);
      }
    });
    const newDms = items.filter((room) => room.kind === 'dm' && !this.dmPartner.has(room.roomId));
    await Promise.all([
      unreadsLoaded,
      ...newDms.map(async (room) => {
        const { items: members } = await this.chat.api.listMembers(room.roomId, { limit: 2 });
        this.rememberMembers(members);
        const partner = members.find((member) => member.userId !== this.myId);
        if (partner) this.dmPartner.set(room.roomId, partner.userId);
      }),
    ]);
    await this.loadPresence([...this.dmPartner.values()]);
    this.changed();
  }

  private readonly recounts = new Map<string, ReturnType<typeof setTimeout>>();

  /**
   * The live +1 is a guess (a count the server gave a moment ago may include the same message): the server's
   * count, asked for after it, settles the badge. Once per room per burst.
   */
  private recountSoon(roomId: string): void {
    if (this.recounts.has(roomId)) return;
    this.recounts.set(
      roomId,
      setTimeout(() => {
        this.recounts.delete(roomId);
        if (this.rooms.some((room) => room.roomId === roomId))
          void this.loadUnreads([roomId]).catch(() => undefined);
      }, RECOUNT_DELAY_MS),
    );
  }

  private setBadge(roomId: string, badge: { count: number; capped: boolean }): void {
    this.badgeClock += 1;
    this.badgeChangedAt.set(roomId, this.badgeClock);
    this.unread.set(roomId, badge);
  }

  private async loadUnreads(roomIds: string[]): Promise<void> {
    for (let i = 0; i < roomIds.length; i += 100) {
      const askedAt = ++this.badgeClock;
      const { items } = await this.chat.api.getUnreads({ roomIds: roomIds.slice(i, i + 100).join(',') });
      for (const { roomId, count, capped } of items) {
        if ((this.badgeChangedAt.get(roomId) ?? 0) > askedAt) continue;
        this.unread.set(
          roomId,
          roomId === this.activeRoomId ? { count: 0, capped: false } : { count, capped },
        );
      }
    }
    this.changed();
  }

  /** Presence of these users (100 per call). */
  async loadPresence(userIds: string[]): Promise<void> {
    const unique = [...new Set(userIds)];
    for (let i = 0; i < unique.length; i += 100) {
      const { items } = await this.chat.api.getPresence({ userIds: unique.slice(i, i + 100).join(',') });
      for (const { userId, status } of items) this.presence.set(userId, status);
    }
    this.changed();
  }

  async loadNotifications(): Promise<void> {
    const { items } = await this.chat.api.listNotifications({ limit: 30 });
    this.notifications = items;
    this.changed();
  }

  markNotificationsSeen(): void {
    this.unseenNotifications = 0;
    this.changed();
  }

  /** The open room's model (kept while the app runs: switching back is instant). */
  room(roomId: string): RoomModel {
    let model = this.models.get(roomId);
    if (!model) {
      model = new RoomModel(this, roomId);
      this.models.set(roomId, model);
    }
    return model;
  }

  select(roomId: string | undefined): void {
    this.activeRoomId = roomId;
    if (roomId) this.setBadge(roomId, { count: 0, capped: false });
    this.changed();
  }

  /** A room just created, joined or opened as a DM: into the list (the server's list follows in seconds). */
  async added(roomId: string): Promise<void> {
    await this.loadRooms();
    if (!this.rooms.some((room) => room.roomId === roomId)) {
      const room = await this.chat.api.getRoom(roomId);
      this.rooms = [{ ...room, lastMessage: null, lastActivityAt: room.createdAt }, ...this.rooms];
      this.changed();
    }
  }

  async logout(): Promise<void> {
    await this.chat.logout().catch(() => this.chat.close());
    this.dispose();
  }

  dispose(): void {
    for (const stop of this.stops.splice(0)) stop();
    for (const timer of this.recounts.values()) clearTimeout(timer);
    this.recounts.clear();
    void this.chat.close();
  }

  private onFrame(frame: ServerFrame): void {
    const roomId = typeof frame.roomId === 'string' ? frame.roomId : undefined;
    if (frame.type === 'message.sent' && frame.message) {
      this.onMessage(frame.message as Message);
    } else if (frame.type === 'member.joined' && frame.userId === this.myId && roomId) {
      if (!this.rooms.some((room) => room.roomId === roomId)) void this.loadRooms();
    } else if (frame.type === 'member.left' && frame.userId === this.myId && roomId) {
      this.rooms = this.rooms.filter((room) => room.roomId !== roomId);
      this.changed();
    } else if (frame.type === 'read.updated' && frame.userId === this.myId && roomId) {
      // read on another device (or this one): the badge follows
      if (roomId !== this.activeRoomId) void this.loadUnreads([roomId]);
    }
  }

  private onMessage(message: Message): void {
    if (message.threadId) return; // a reply does not move the room list
    if (message.senderId !== this.myId && message.roomId !== this.activeRoomId) {
      const badge = this.unread.get(message.roomId) ?? { count: 0, capped: false };
      this.setBadge(message.roomId, { ...badge, count: badge.count + 1 });
      this.recountSoon(message.roomId);
    }
    if (!this.rooms.some((room) => room.roomId === message.roomId)) {
      // a DM someone just opened with us: kept until the list has it (its badge is counted already)
      const known = this.early.get(message.roomId);
      if (!known || (known.seq ?? 0) < (message.seq ?? 0)) this.early.set(message.roomId, message);
      void this.loadRooms();
      return;
    }
    this.showLastMessage(message);
  }

  /** The room moves to the top of the list with `message` as its last one. */
  private showLastMessage(message: Message): void {
    const index = this.rooms.findIndex((room) => room.roomId === message.roomId);
    if (index < 0) return;
    const room = this.rooms[index] as MyRoom;
    const updated: MyRoom = {
      ...room,
      lastMessage: {
        messageId: message.messageId,
        seq: message.seq ?? null,
        senderId: message.senderId,
        preview:
          [...message.text].slice(0, PREVIEW_LENGTH).join('') || (message.attachments[0]?.fileName ?? ''),
        createdAt: message.createdAt,
      },
      lastActivityAt: message.createdAt,
    };
    this.rooms = [updated, ...this.rooms.filter((_, i) => i !== index)];
    this.changed();
  }
}
