import { canonicalMessage, type Message } from '../domain/message';
import { nextSinceOf, sinceProblem } from '../domain/room-versions';
import { invalidField } from '../domain/errors';
import { requireMember } from './membership';
import type { MessagingDependencies } from './ports';

export interface ListChangesInput {
  roomId: string;
  userId: string;
  since: number;
  limit: number;
}

export interface ChangesFeed {
  items: Message[];
  /** The room's latest version, read before the items: a client that reads to the end holds everything up to it. */
  version: number;
  /** The last item's version when more changes remain (pass it as `since`), else null. */
  nextSince: number | null;
}

/**
 * `GET …/changes?since=`: for a member, every message of the room whose latest change took a version above
 * `since`, once, in its current state (tombstones included), ascending by version. The room's version is read
 * first and the items are bounded by it, so every change up to it is already stored when the items are read: a
 * change stored meanwhile is left to the next call instead of overtaking an earlier one still being read.
 * `since` above the room's version is a 400 (the client holds versions this room never had).
 */
export async function listChanges(
  deps: Pick<MessagingDependencies, 'memberships' | 'messages'>,
  input: ListChangesInput,
): Promise<ChangesFeed> {
  await requireMember(deps.memberships, input.roomId, input.userId);
  const version = await deps.messages.roomVersion(input.roomId);
  const problem = sinceProblem(input.since, version);
  if (problem) throw invalidField('since', problem);
  const page =
    input.since === version
      ? { items: [], hasMore: false }
      : await deps.messages.changes(input.roomId, { since: input.since, upTo: version }, input.limit);
  return { items: page.items.map(canonicalMessage), version, nextSince: nextSinceOf(page) };
}
