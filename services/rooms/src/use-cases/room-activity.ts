import { applyMessageActivity, type MessageActivity } from '../domain/room-activity';
import type { RoomActivityStore } from './ports';

/** Optimistic writes of one room's state tried before giving up (the event is then delivered again). */
export const MAX_ACTIVITY_ATTEMPTS = 8;

export interface RoomActivityDependencies {
  activity: RoomActivityStore;
  /** Waits before attempt `attempt` (2, 3, …) after a concurrent write won (backoff with jitter). */
  pause: (attempt: number) => Promise<void>;
}

/**
 * A message event → the room list's last message: read the room's state, apply the event (a pure, forward-only
 * rule), and store the result conditionally on the state read. A replay or an older event changes nothing, so the
 * consumer needs no idempotency guard; a concurrent writer makes it read and apply again.
 */
export async function recordMessageActivity(
  deps: RoomActivityDependencies,
  activity: MessageActivity,
): Promise<{ outcome: 'applied' | 'unchanged'; attempts: number }> {
  const roomId = activity.kind === 'deleted' ? activity.roomId : activity.message.roomId;
  for (let attempt = 1; attempt <= MAX_ACTIVITY_ATTEMPTS; attempt += 1) {
    if (attempt > 1) await deps.pause(attempt);
    const stored = await deps.activity.get(roomId);
    const next = applyMessageActivity(stored, activity);
    if (next === undefined) return { outcome: 'unchanged', attempts: attempt };
    if (await deps.activity.save(next, stored?.revision)) return { outcome: 'applied', attempts: attempt };
  }
  throw new Error(`room ${roomId}: its activity kept changing while being updated`);
}
