import { applyMessageActivity, shortcutOf, type MessageActivity } from '../domain/room-activity';
import type { RoomActivityStore } from './ports';

/** Optimistic saves of one room's state tried, after the shortcut, before giving up (the event comes again). */
export const MAX_ACTIVITY_ATTEMPTS = 8;

export interface RoomActivityDependencies {
  activity: RoomActivityStore;
  /** Waits before optimistic save `attempt` (2, 3, …) after a concurrent write won (backoff with jitter). */
  pause: (attempt: number) => Promise<void>;
}

/**
 * A message event → the room list's last message. First one guarded write with no read (`shortcutOf`: a newer
 * message, a later revision or the delete of the last one); a refused write returns the stored state, and the
 * pure, forward-only rule decides from it: nearly always "unchanged" (an older message, a replay), so the common
 * event costs one write. Only what the shortcut cannot express (deletes ahead of the last message, pending
 * deletes, a `seq` filled in) is applied to that state and stored conditionally on its revision; when a
 * concurrent writer won, the refused save returns the newer state and the rule applies again (backoff, at most
 * MAX_ACTIVITY_ATTEMPTS saves). Nothing is ever read first. A replay or an older event changes nothing, so the
 * consumer needs no idempotency guard. `writes` counts the conditional writes sent.
 */
export async function recordMessageActivity(
  deps: RoomActivityDependencies,
  activity: MessageActivity,
): Promise<{ outcome: 'applied' | 'unchanged'; writes: number }> {
  let write = await deps.activity.writeShortcut(shortcutOf(activity));
  let writes = 1;
  for (;;) {
    if (write.applied) return { outcome: 'applied', writes };
    const next = applyMessageActivity(write.stored, activity);
    if (next === undefined) return { outcome: 'unchanged', writes };
    if (writes > MAX_ACTIVITY_ATTEMPTS) {
      throw new Error(`room ${next.roomId}: its activity kept changing while being updated`);
    }
    // writes - 1 optimistic saves lost to a concurrent writer so far.
    if (writes > 1) await deps.pause(writes);
    write = await deps.activity.save(next, write.stored?.revision);
    writes += 1;
  }
}
