import type { PresenceChanged, Room, UserRegistered } from '@chat/events';
import type { PresenceStore, RoomDirectory } from './ports';
import { provisionUserTopic, type ProvisionDependencies } from './provision-user-topic';

/**
 * The projections the service keeps from other services' events. Each is an idempotent upsert (a redelivered
 * event changes nothing), ordered where events may arrive out of order.
 */

/** UserRegistered → the users projection (username for "who", e-mail for the e-mail subscription), then the topic. */
export async function rememberUser(deps: ProvisionDependencies, user: UserRegistered): Promise<void> {
  await deps.users.remember({ userId: user.userId, username: user.username, email: user.email });
  await provisionUserTopic(deps, user.userId);
}

/** RoomCreated / RoomUpdated → room names for "where"; `occurredAt` orders them. */
export async function rememberRoom(
  deps: { rooms: RoomDirectory },
  room: Room,
  occurredAt: string,
): Promise<void> {
  await deps.rooms.remember(
    { roomId: room.roomId, name: room.name, kind: room.kind },
    Date.parse(occurredAt),
  );
}

/** PresenceChanged → the presence projection (the latest `lastSeenAt` wins). */
export async function trackPresence(
  deps: { presence: PresenceStore },
  change: PresenceChanged,
): Promise<void> {
  await deps.presence.record({ userId: change.userId, status: change.status, lastSeenAt: change.lastSeenAt });
}
