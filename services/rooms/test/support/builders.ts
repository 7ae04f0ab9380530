import type { MemberRecord } from '../../src/domain/membership';
import type { RoomRecord } from '../../src/domain/room';
import type { Caller } from '../../src/use-cases/ports';

export const alice: Caller = { userId: 'user-alice', username: 'alice' };
export const bob: Caller = { userId: 'user-bob', username: 'bob' };
export const carol: Caller = { userId: 'user-carol', username: 'carol' };
export const dave: Caller = { userId: 'user-dave', username: 'dave' };

export function aRoom(overrides: Partial<RoomRecord> = {}): RoomRecord {
  return {
    roomId: 'room-1',
    kind: 'room',
    name: 'general',
    topic: '',
    visibility: 'public',
    ownerId: alice.userId,
    memberCount: 1,
    createdAt: '2025-01-15T10:00:00.000Z',
    updatedAt: '2025-01-15T10:00:00.000Z',
    status: 'active',
    ...overrides,
  };
}

export function aMember(overrides: Partial<MemberRecord> = {}): MemberRecord {
  return {
    roomId: 'room-1',
    userId: alice.userId,
    username: alice.username,
    role: 'member',
    joinedAt: '2025-01-15T10:00:00.000Z',
    roomKind: 'room',
    ...overrides,
  };
}

export const context = { correlationId: 'corr-1' };
