import {
  seniorityKey,
  SUCCESSOR_SENIORITY_FROM,
  type MemberRecord,
  type Role,
} from '../../src/domain/membership';
import type { BanRecord } from '../../src/domain/bans';
import { isOpenRoom, type RoomRecord } from '../../src/domain/room';
import {
  appliedShortcut,
  shortcutApplies,
  type ActivityShortcut,
  type RoomActivity,
} from '../../src/domain/room-activity';
import { inMemoryRateLimiter, rateLimit } from '@chat/runtime';
import type { BlockRecord } from '../../src/domain/blocks';
import type {
  BlockStore,
  Clock,
  IdGenerator,
  KnownUser,
  Removal,
  RemovalOutcome,
  RoomActivityStore,
  RoomsDependencies,
  RoomStore,
  UserDirectory,
} from '../../src/use-cases/ports';
import { aMember, aRoom } from './builders';

/**
 * A RoomStore in memory with the adapter's semantics: conditional writes, member counting in the same step,
 * owner hand-over and archiving. `interfere` runs before a removal is written, to simulate a concurrent change.
 */
export class InMemoryRoomStore implements RoomStore {
  readonly rooms = new Map<string, RoomRecord>();
  readonly memberships = new Map<string, MemberRecord>();
  readonly removals: Removal[] = [];
  readonly banned = new Map<string, BanRecord>();
  interfere: ((removal: Removal) => void) | undefined;

  private key(roomId: string, userId: string) {
    return `${roomId}/${userId}`;
  }

  /** Test setup: a room with its members, counted. */
  seed(room: Partial<RoomRecord>, members: Array<Partial<MemberRecord>>): RoomRecord {
    const record = aRoom({ ...room, memberCount: members.length });
    this.rooms.set(record.roomId, record);
    for (const member of members) {
      const stored = aMember({ roomId: record.roomId, roomKind: record.kind, ...member });
      this.memberships.set(this.key(stored.roomId, stored.userId), stored);
    }
    return record;
  }

  membersOf(roomId: string): MemberRecord[] {
    return [...this.memberships.values()].filter((m) => m.roomId === roomId);
  }

  async getRoom(roomId: string) {
    const room = this.rooms.get(roomId);
    return room && { ...room };
  }

  async getMember(roomId: string, userId: string) {
    const member = this.memberships.get(this.key(roomId, userId));
    return member && { ...member };
  }

  async createRoom(room: RoomRecord, owner: MemberRecord) {
    this.rooms.set(room.roomId, { ...room });
    this.memberships.set(this.key(owner.roomId, owner.userId), { ...owner });
  }

  async createDirectMessage(room: RoomRecord, members: readonly [MemberRecord, MemberRecord]) {
    if (this.rooms.has(room.roomId)) return 'exists' as const;
    this.rooms.set(room.roomId, { ...room });
    for (const m of members) this.memberships.set(this.key(m.roomId, m.userId), { ...m });
    return 'created' as const;
  }

  async addMember(member: MemberRecord) {
    const existing = this.memberships.get(this.key(member.roomId, member.userId));
    if (existing) return { kind: 'already-member' as const, member: { ...existing } };
    const room = this.rooms.get(member.roomId);
    if (!room || room.status !== 'active') return { kind: 'room-gone' as const };
    if (this.banned.has(this.key(member.roomId, member.userId))) return { kind: 'banned' as const };
    this.memberships.set(this.key(member.roomId, member.userId), { ...member });
    room.memberCount += 1;
    return { kind: 'added' as const };
  }

  async removeMember(removal: Removal): Promise<RemovalOutcome> {
    this.interfere?.(removal);
    const member = this.memberships.get(this.key(removal.roomId, removal.userId));
    const room = this.rooms.get(removal.roomId);
    if (!member) return 'not-member';
    if (!room || member.role !== removal.expectedRole) return 'changed';
    const departure = removal.ownerDeparture;
    if (departure?.kind === 'archive' && room.memberCount !== 1) return 'changed';
    if (departure?.kind === 'hand-over') {
      const successor = this.memberships.get(this.key(removal.roomId, departure.successor.userId));
      if (!successor || successor.role !== departure.successor.role) return 'changed';
      successor.role = 'owner';
      room.ownerId = successor.userId;
    }
    if (departure?.kind === 'archive') room.status = 'archived';
    this.memberships.delete(this.key(removal.roomId, removal.userId));
    room.memberCount -= 1;
    if (removal.ban) this.banned.set(this.key(removal.roomId, removal.userId), { ...removal.ban });
    this.removals.push(removal);
    return 'removed';
  }

  async banNonMember(ban: BanRecord) {
    const key = this.key(ban.roomId, ban.userId);
    if (this.memberships.has(key)) return 'member' as const;
    if (this.banned.has(key)) return 'already-banned' as const;
    this.banned.set(key, { ...ban });
    return 'banned' as const;
  }

  async unban(roomId: string, userId: string) {
    this.banned.delete(this.key(roomId, userId));
  }

  async bans(roomId: string, limit: number, afterUserId?: string) {
    const all = [...this.banned.values()]
      .filter((b) => b.roomId === roomId && (afterUserId === undefined || b.userId > afterUserId))
      .sort((a, b) => a.userId.localeCompare(b.userId));
    const items = all.slice(0, limit);
    const last = items[items.length - 1];
    return all.length > limit && last ? { items, next: last.userId } : { items };
  }

  async membershipsOf(userId: string, limit: number, after?: string) {
    const all = [...this.memberships.values()]
      .filter((m) => m.userId === userId && (after === undefined || m.roomId > after))
      .sort((a, b) => a.roomId.localeCompare(b.roomId));
    const items = all.slice(0, limit).map((m) => ({ ...m }));
    const last = items[items.length - 1];
    return all.length > limit && last ? { items, next: last.roomId } : { items };
  }

  async successorOf(roomId: string) {
    return this.membersOf(roomId)
      .filter((m) => seniorityKey(m) >= SUCCESSOR_SENIORITY_FROM)
      .sort((a, b) => seniorityKey(a).localeCompare(seniorityKey(b)))[0];
  }

  async updateRoom(roomId: string, changes: { name?: string; topic?: string }, at: Date) {
    const room = this.rooms.get(roomId);
    if (!room || room.status !== 'active') return undefined;
    Object.assign(room, changes, { updatedAt: at.toISOString() });
    return { ...room };
  }

  async changeRole(member: MemberRecord, to: Role) {
    const stored = this.memberships.get(this.key(member.roomId, member.userId));
    if (!stored || stored.role !== member.role) return undefined;
    stored.role = to;
    return { ...stored };
  }

  async publicRooms(limit: number, after?: { createdAt: string; roomId: string }) {
    const order = (r: RoomRecord) => `${r.createdAt}#${r.roomId}`;
    const all = [...this.rooms.values()]
      .filter(isOpenRoom)
      .sort((a, b) => order(b).localeCompare(order(a)))
      .filter((r) => !after || order(r) < `${after.createdAt}#${after.roomId}`);
    const items = all.slice(0, limit);
    const last = items[items.length - 1];
    return all.length > limit && last
      ? { items, next: { createdAt: last.createdAt, roomId: last.roomId } }
      : { items };
  }

  async members(roomId: string, limit: number, afterUserId?: string) {
    const all = this.membersOf(roomId)
      .sort((a, b) => a.userId.localeCompare(b.userId))
      .filter((m) => afterUserId === undefined || m.userId > afterUserId);
    const items = all.slice(0, limit);
    const last = items[items.length - 1];
    return all.length > limit && last ? { items, next: last.userId } : { items };
  }

  async roomsOf(userId: string) {
    const ids = [...this.memberships.values()].filter((m) => m.userId === userId).map((m) => m.roomId);
    return ids.flatMap((id) => {
      const room = this.rooms.get(id);
      return room ? [{ ...room }] : [];
    });
  }
}

export class InMemoryUserDirectory implements UserDirectory {
  readonly users = new Map<string, string>();

  constructor(known: KnownUser[] = []) {
    for (const user of known) this.users.set(user.userId, user.username);
  }

  async find(userId: string) {
    const username = this.users.get(userId);
    return username === undefined ? undefined : { userId, username };
  }

  async remember(user: KnownUser) {
    this.users.set(user.userId, user.username);
  }

  async forget(userId: string) {
    this.users.delete(userId);
  }
}

export const fixedClock = (iso = '2025-02-01T12:00:00.000Z'): Clock => ({ now: () => new Date(iso) });

export function sequentialIds(prefix = 'room-new-'): IdGenerator {
  let n = 0;
  return { next: () => `${prefix}${++n}` };
}

/** The room-activity projection in memory: the adapter's guarded shortcut (by the pure predicate) and optimistic revisions. */
export class InMemoryRoomActivity implements RoomActivityStore {
  readonly states = new Map<string, RoomActivity & { revision: number }>();
  /** Runs before a save is checked, to simulate a concurrent writer. */
  interfere: ((roomId: string) => void) | undefined;

  /** Every write sent (shortcuts and saves), in order. */
  readonly writes: string[] = [];

  async writeShortcut(shortcut: ActivityShortcut) {
    const roomId = shortcut.kind === 'tombstone' ? shortcut.roomId : shortcut.message.roomId;
    this.writes.push(`shortcut:${shortcut.kind}`);
    this.interfere?.(roomId);
    const stored = this.states.get(roomId);
    if (!shortcutApplies(stored, shortcut)) {
      return { applied: false as const, stored: stored ? structuredClone(stored) : undefined };
    }
    this.states.set(roomId, {
      ...structuredClone(appliedShortcut(stored, shortcut)),
      revision: (stored?.revision ?? 0) + 1,
    });
    return { applied: true as const };
  }

  async save(next: RoomActivity, expectedRevision: number | undefined) {
    this.writes.push('save');
    this.interfere?.(next.roomId);
    const stored = this.states.get(next.roomId);
    if (stored?.revision !== expectedRevision) {
      return { applied: false as const, stored: stored ? structuredClone(stored) : undefined };
    }
    this.states.set(next.roomId, { ...structuredClone(next), revision: (expectedRevision ?? 0) + 1 });
    return { applied: true as const };
  }

  async getMany(roomIds: readonly string[]) {
    const found = new Map<string, RoomActivity>();
    for (const roomId of roomIds) {
      const state = this.states.get(roomId);
      if (state) found.set(roomId, state);
    }
    return found;
  }
}

/** The blocks table in memory: `<userId>|<blockedUserId>` → the block. */
export class InMemoryBlockStore implements BlockStore {
  readonly records = new Map<string, BlockRecord>();

  async block(record: BlockRecord) {
    const key = `${record.userId}|${record.blockedUserId}`;
    if (this.records.has(key)) return 'exists' as const;
    this.records.set(key, { ...record });
    return 'created' as const;
  }

  async unblock(userId: string, blockedUserId: string) {
    return this.records.delete(`${userId}|${blockedUserId}`);
  }

  async hasBlocked(userId: string, blockedUserId: string) {
    return this.records.has(`${userId}|${blockedUserId}`);
  }

  async page(userId: string, limit: number, after?: string) {
    const all = [...this.records.values()]
      .filter((r) => r.userId === userId && r.blockedUserId > (after ?? ''))
      .sort((a, b) => (a.blockedUserId < b.blockedUserId ? -1 : 1));
    const items = all.slice(0, limit);
    return all.length > limit ? { items, next: items.at(-1)!.blockedUserId } : { items };
  }
}

/** A clock whose time a test moves. */
export function movableClock(iso = '2025-02-01T12:00:00.000Z'): Clock & { advance(ms: number): void } {
  let at = new Date(iso).getTime();
  return { now: () => new Date(at), advance: (ms) => (at += ms) };
}

export function fakeDependencies(known: KnownUser[] = []) {
  const rooms = new InMemoryRoomStore();
  const users = new InMemoryUserDirectory(known);
  const activity = new InMemoryRoomActivity();
  const blocks = new InMemoryBlockStore();
  const clock = movableClock();
  const limits = {
    limiter: inMemoryRateLimiter(() => clock.now().getTime()),
    roomCreation: rateLimit('room-creation', 10, 60),
  };
  const deps: RoomsDependencies = { rooms, users, activity, clock, ids: sequentialIds(), blocks, limits };
  return { deps, rooms, users, activity, blocks, clock };
}
