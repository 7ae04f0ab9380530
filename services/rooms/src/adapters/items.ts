import { memberRoleSchema, roomSchema } from '@chat/events';
import { MEMBERSHIP_ATTRIBUTES } from '@chat/memberships';
import * as z from 'zod';
import type { BanRecord } from '../domain/bans';
import type { BlockRecord } from '../domain/blocks';
import { seniorityKey, type MemberRecord } from '../domain/membership';
import { isOpenRoom, type RoomRecord } from '../domain/room';
import type { StoredMembership, StoredRoom } from '../use-cases/stream-events';

/**
 * The items of the rooms, memberships, bans and blocks tables, and their reading back (from GetItem/Query or a
 * stream image), apart from the tables' adapters so an outbox function does not carry the DynamoDB client.
 * Reading validates: a malformed item fails loudly instead of leaking into an answer or an event.
 */

/** The value of `directory` on rooms listed in the public directory (the sparse `publicByRecency` index). */
export const PUBLIC_DIRECTORY = 'public';

const roomItemSchema = roomSchema.extend({
  status: z.enum(['active', 'archived']),
  updatedAt: z.string().min(1),
  correlationId: z.string().optional(),
});

const memberItemSchema = z.object({
  roomId: z.string().min(1),
  userId: z.string().min(1),
  username: z.string().min(1),
  role: memberRoleSchema,
  joinedAt: z.string().min(1),
  roomKind: z.enum(['room', 'dm']),
  correlationId: z.string().optional(),
  /** The removal marker, written just before the delete (@chat/memberships: no longer a member). */
  [MEMBERSHIP_ATTRIBUTES.removalReason]: z.enum(['left', 'kicked']).optional(),
});

const userItemSchema = z.object({ userId: z.string().min(1), username: z.string().min(1) });

function parse<T>(schema: z.ZodType<T>, item: Record<string, unknown>, what: string): T {
  const result = schema.safeParse(item);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || '(item)'}: ${i.message}`).join('; ');
    throw new Error(`malformed ${what} item: ${issues}`);
  }
  return result.data;
}

export function roomItem(room: RoomRecord, correlationId?: string): Record<string, unknown> {
  return {
    ...room,
    ...(isOpenRoom(room) ? { directory: PUBLIC_DIRECTORY } : {}),
    ...(correlationId === undefined ? {} : { correlationId }),
  };
}

export function storedRoomOf(item: Record<string, unknown>): StoredRoom {
  const { correlationId, ...record } = parse(roomItemSchema, item, 'room');
  return correlationId === undefined ? { record } : { record, correlationId };
}

export function roomOf(item: Record<string, unknown>): RoomRecord {
  return storedRoomOf(item).record;
}

export function memberItem(member: MemberRecord, correlationId?: string): Record<string, unknown> {
  return {
    ...member,
    seniority: seniorityKey(member),
    ...(correlationId === undefined ? {} : { correlationId }),
  };
}

export function storedMembershipOf(item: Record<string, unknown>): StoredMembership {
  const { correlationId, removalReason, ...record } = parse(memberItemSchema, item, 'membership');
  return {
    record,
    ...(correlationId === undefined ? {} : { correlationId }),
    ...(removalReason === undefined ? {} : { removalReason }),
  };
}

export function memberOf(item: Record<string, unknown>): MemberRecord {
  return storedMembershipOf(item).record;
}

export function userOf(item: Record<string, unknown>): { userId: string; username: string } {
  return parse(userItemSchema, item, 'user');
}

const banItemSchema = z.object({
  roomId: z.string().min(1),
  userId: z.string().min(1),
  bannedBy: z.string().min(1),
  reason: z.string().nullable(),
  createdAt: z.string().min(1),
  correlationId: z.string().optional(),
});

export function banItem(ban: BanRecord, correlationId?: string): Record<string, unknown> {
  return { ...ban, ...(correlationId === undefined ? {} : { correlationId }) };
}

/** A ban as its stream image shows it, with the correlation id of the request that wrote it. */
export function storedBanOf(item: Record<string, unknown>): { record: BanRecord; correlationId?: string } {
  const { correlationId, ...record } = parse(banItemSchema, item, 'ban');
  return correlationId === undefined ? { record } : { record, correlationId };
}

export function banOf(item: Record<string, unknown>): BanRecord {
  return storedBanOf(item).record;
}

const blockItemSchema = z.object({
  userId: z.string(),
  blockedUserId: z.string(),
  createdAt: z.string(),
  correlationId: z.string().optional(),
});

/** A block item (also a stream image) as the service's record, with the correlation id of the write. */
export function storedBlockOf(item: Record<string, unknown>): {
  record: BlockRecord;
  correlationId?: string;
} {
  const { correlationId, ...record } = blockItemSchema.parse(item);
  return correlationId === undefined ? { record } : { record, correlationId };
}
