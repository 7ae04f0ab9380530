import type { Clock, IdGenerator, Page, RateLimit, RateLimiter } from '@chat/runtime';
import type { BanRecord } from '../domain/bans';
import type { BlockRecord } from '../domain/blocks';
import type { MemberRecord, RemovalReason, Role } from '../domain/membership';
import type { ActivityShortcut, RoomActivity } from '../domain/room-activity';
import type { RoomRecord } from '../domain/room';

/** The time, and new sortable ids (ULIDs) for rooms. */
export type { Clock, IdGenerator };

/** What every write carries so the stream outbox can propagate it into the events it causes. */
export interface WriteContext {
  correlationId: string;
}

/** A position in the public directory: newest first, by creation time then room id. */
export interface DirectoryPosition {
  createdAt: string;
  roomId: string;
}

/** A page of a listing (`next`: where the following one starts). */
export type { Page };

export type AddMemberOutcome =
  | { kind: 'added' }
  | { kind: 'already-member'; member: MemberRecord }
  /** The room does not exist (any more) or was archived. */
  | { kind: 'room-gone' }
  /** The user is banned from the room (checked in the same transaction as the insert). */
  | { kind: 'banned' };

/** What happens to the room when its owner leaves: hand it over, or archive it when nobody else is in. */
export type OwnerDeparture = { kind: 'hand-over'; successor: MemberRecord } | { kind: 'archive' };

export interface Removal {
  roomId: string;
  userId: string;
  /** The user who removes: the member themselves when leaving, an owner/admin when kicking. */
  removedBy: string;
  reason: RemovalReason;
  /** The role the removal was decided on; when it changed meanwhile, nothing is removed ('changed'). */
  expectedRole: Role;
  /** Required when the owner leaves. */
  ownerDeparture?: OwnerDeparture;
  /** A ban stored in the same transaction as the removal (PUT /rooms/{roomId}/bans/{userId}). */
  ban?: BanRecord;
  at: Date;
}

/**
 * A ban of a user who is not a member: 'banned', 'already-banned' (the first ban stands), or 'member' when the
 * user is a member after all (joined meanwhile): nothing was written, remove them with the ban instead.
 */
export type BanOutcome = 'banned' | 'already-banned' | 'member';

/**
 * 'changed': something the decision relied on changed meanwhile (the member's role, the successor, the member
 * count of a room to archive, or a concurrent removal): nothing was written; decide again.
 */
export type RemovalOutcome = 'removed' | 'not-member' | 'changed';

export interface RoomChanges {
  name?: string;
  topic?: string;
}

/**
 * Rooms and memberships, kept consistent with each other: every write that changes who is in a room changes the
 * room's member count in the same transaction.
 */
export interface RoomStore {
  getRoom(roomId: string): Promise<RoomRecord | undefined>;
  /** Strongly consistent: a membership written by a request that has returned is seen. */
  getMember(roomId: string, userId: string): Promise<MemberRecord | undefined>;
  /** The room and its owner's membership, atomically. */
  createRoom(room: RoomRecord, owner: MemberRecord, context: WriteContext): Promise<void>;
  /** The DM room and both memberships, atomically; 'exists' when the pair's room is already there. */
  createDirectMessage(
    room: RoomRecord,
    members: readonly [MemberRecord, MemberRecord],
    context: WriteContext,
  ): Promise<'created' | 'exists'>;
  /** Adds a membership and counts it, atomically, unless the user is already in (then: that membership). */
  addMember(member: MemberRecord, context: WriteContext): Promise<AddMemberOutcome>;
  /** Removes a membership, uncounts it and (for an owner) hands over or archives, atomically. */
  removeMember(removal: Removal, context: WriteContext): Promise<RemovalOutcome>;
  /** The longest-standing admin, else the longest-standing member (never the owner). */
  successorOf(roomId: string): Promise<MemberRecord | undefined>;
  /** The updated room; undefined when it is gone or archived. */
  updateRoom(
    roomId: string,
    changes: RoomChanges,
    at: Date,
    context: WriteContext,
  ): Promise<RoomRecord | undefined>;
  /** The updated membership; undefined when the member is gone or no longer has role `from`. */
  changeRole(member: MemberRecord, to: Role, context: WriteContext): Promise<MemberRecord | undefined>;
  publicRooms(limit: number, after?: DirectoryPosition): Promise<Page<RoomRecord, DirectoryPosition>>;
  /** Members in user id order, strongly consistent. */
  members(roomId: string, limit: number, afterUserId?: string): Promise<Page<MemberRecord, string>>;
  /** Every active room and DM the user is in. */
  roomsOf(userId: string): Promise<RoomRecord[]>;
  /** Bans a user who is not a member, atomically with checking they are not one. */
  banNonMember(ban: BanRecord, context: WriteContext): Promise<BanOutcome>;
  /** Lifts a ban (a no-op when there is none). */
  unban(roomId: string, userId: string): Promise<void>;
  /** The room's bans in user id order. */
  bans(roomId: string, limit: number, afterUserId?: string): Promise<Page<BanRecord, string>>;
  /** A page of the user's memberships (an index: eventually consistent), for erasing a closed account. */
  membershipsOf(userId: string, limit: number, after?: string): Promise<Page<MemberRecord, string>>;
}

/** userId → username, learnt from UserRegistered events and from callers' tokens. */
export interface KnownUser {
  userId: string;
  username: string;
}

export interface UserDirectory {
  find(userId: string): Promise<KnownUser | undefined>;
  remember(user: KnownUser): Promise<void>;
  /** Forgets a user (a closed account); a no-op when unknown. */
  forget(userId: string): Promise<void>;
}

/** A room's stored activity and the revision every write of it increments. */
export type StoredRoomActivity = RoomActivity & { revision: number };

/** A guarded write of a room's activity: applied, or refused with the state it found (undefined: no item). */
export type ActivityWrite = { applied: true } | { applied: false; stored: StoredRoomActivity | undefined };

/**
 * The room-activity projection (the room list's last message), fed by messaging's message events. Writes are
 * guarded and never preceded by a read: a refused write returns the state it found.
 */
export interface RoomActivityStore {
  /** One write of `shortcut`, with `shortcutApplies` as its condition. */
  writeShortcut(shortcut: ActivityShortcut): Promise<ActivityWrite>;
  /** Stores `next` when the stored revision still is `expectedRevision` (none: no item yet); optimistic. */
  save(next: RoomActivity, expectedRevision: number | undefined): Promise<ActivityWrite>;
  /** The states of those of `roomIds` that have one (a batch read). */
  getMany(roomIds: readonly string[]): Promise<Map<string, RoomActivity>>;
}

/** The blocks table (this service's own): who blocked whom. */
export interface BlockStore {
  /** Stores the block unless it is there: `exists` (and the stored one is kept) when it was. */
  block(record: BlockRecord, context: WriteContext): Promise<'created' | 'exists'>;
  /** Removes the block; false when there was none. */
  unblock(userId: string, blockedUserId: string): Promise<boolean>;
  /** Whether `userId` has blocked `blockedUserId` (a consistent read). */
  hasBlocked(userId: string, blockedUserId: string): Promise<boolean>;
  /** The user's blocks in blockedUserId order, after `after`. */
  page(userId: string, limit: number, after?: string): Promise<Page<BlockRecord, string>>;
}

/** The room creation limit (a stage parameter) and the limiter that counts it. */
export interface RoomLimits {
  limiter: RateLimiter;
  roomCreation: RateLimit;
}

export interface RoomsDependencies {
  rooms: RoomStore;
  activity: RoomActivityStore;
  users: UserDirectory;
  clock: Clock;
  ids: IdGenerator;
  blocks: BlockStore;
  limits: RoomLimits;
}

/** The authenticated caller (the shape of @chat/http's Principal that the use cases need). */
export interface Caller {
  userId: string;
  username: string;
}
