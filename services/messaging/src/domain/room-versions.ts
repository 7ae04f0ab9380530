import type { Message } from './message';

/**
 * Room versions (API.md "Order, versions and catch-up"): each room has one change counter, and every stored
 * change of its messages (a new message, an edit, a delete) takes the next value, 1, 2, 3 … with no gap and no
 * repeat, in the order the changes were stored. A message's `seq` is the version its creation took (the room's
 * order), its `version` the one of its latest change. docs/decisions/004-room-versions.md says how.
 */

/** A room that has never changed is at version 0; its first change takes 1. */
export const INITIAL_ROOM_VERSION = 0;
/** `GET …/changes`: items per page (1–200, default 100). */
export const DEFAULT_CHANGES_PAGE = 100;
export const MAX_CHANGES_PAGE = 200;

/** The version the next change of a room at `current` takes. */
export function nextRoomVersion(current: number): number {
  return current + 1;
}

/** Why `since` cannot be asked of a room at `roomVersion`, or undefined when it can (0 ≤ since ≤ roomVersion). */
export function sinceProblem(since: number, roomVersion: number): string | undefined {
  if (!Number.isSafeInteger(since) || since < 0) return 'must be an integer of at least 0';
  if (since > roomVersion) return `must not be above the room's version (${roomVersion})`;
  return undefined;
}

/** The messages whose latest change is in (since, upTo], and whether more of them exist beyond the page. */
export interface ChangesPage {
  items: Message[];
  hasMore: boolean;
}

/** `nextSince`: the last item's version when more changes remain, else null. */
export function nextSinceOf(page: ChangesPage): number | null {
  if (!page.hasMore) return null;
  return page.items.at(-1)?.version ?? null;
}
