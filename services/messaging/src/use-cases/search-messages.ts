import { decodeCursor, encodeCursor } from '@chat/runtime';
import * as z from 'zod';
import { isMessageId } from '../domain/cursor';
import { invalidField } from '../domain/errors';
import { canonicalMessage, type Message } from '../domain/message';
import { driverTermOf, matches, parseQuery, type SearchQuery } from '../domain/search';
import { requireMember } from './membership';
import type { MessagingDependencies } from './ports';

type Deps = Pick<MessagingDependencies, 'memberships' | 'messages' | 'search'>;

export interface SearchInput {
  userId: string;
  q: string | undefined;
  limit: number;
  cursor?: string;
}

export interface SearchPage {
  items: Message[];
  nextCursor: string | null;
}

/** Rooms whose postings are read at once, and the user's rooms read per page of the memberships index. */
const CONCURRENCY = 10;
const ROOMS_PAGE = 100;

const cursorSchema = z.object({ before: z.string().refine(isMessageId) });

function queryOf(q: string | undefined): SearchQuery {
  const query = parseQuery(q);
  if ('problem' in query) throw invalidField('q', query.problem);
  return query;
}

async function inBatches<T, R>(
  items: readonly T[],
  size: number,
  run: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += size) {
    results.push(...(await Promise.all(items.slice(start, start + size).map(run))));
  }
  return results;
}

/**
 * One page of matches in `roomIds`, newest first (messageId order). Each room's postings of the query's driving
 * term are read below the cursor (2 × limit + 1 of them); a room with more beyond them bounds the page, so that no
 * match newer than the next cursor is skipped. Candidates are read from the messages table and checked against the
 * query (edits since indexing, tombstones); `isMember` filters the rooms that have matches.
 */
async function searchIn(
  deps: Deps,
  roomIds: readonly string[],
  query: SearchQuery,
  input: SearchInput,
  isMember: (roomId: string) => Promise<boolean>,
): Promise<SearchPage> {
  const before = input.cursor === undefined ? undefined : decodeCursor(input.cursor, cursorSchema).before;
  const term = driverTermOf(query);
  const perRoom = await inBatches(roomIds, CONCURRENCY, async (roomId) => ({
    roomId,
    ...(await deps.search.postings(roomId, term, {
      ...(before === undefined ? {} : { before }),
      limit: input.limit * 2 + 1,
    })),
  }));
  // The oldest position every room has been read down to: below it, a cut room may hold unseen matches.
  const bound = perRoom
    .filter((r) => r.hasMore)
    .map((r) => r.messageIds.at(-1) as string)
    .sort()
    .at(-1);
  const keys = perRoom.flatMap(({ roomId, messageIds }) =>
    messageIds.filter((id) => bound === undefined || id >= bound).map((messageId) => ({ roomId, messageId })),
  );
  const found = (await deps.messages.getMany(keys)).filter((m) => matches(m, query));
  const allowed = new Set<string>();
  await inBatches([...new Set(found.map((m) => m.roomId))], CONCURRENCY, async (roomId) => {
    if (await isMember(roomId)) allowed.add(roomId);
  });
  const hits = found
    .filter((m) => allowed.has(m.roomId))
    .sort((a, b) => (a.messageId < b.messageId ? 1 : -1));
  const items = hits.slice(0, input.limit);
  const next = hits.length > input.limit ? items.at(-1)?.messageId : bound;
  return {
    items: items.map(canonicalMessage),
    nextCursor: next === undefined ? null : encodeCursor({ before: next }),
  };
}

/** GET /rooms/{roomId}/search: a member's search of one room. */
export async function searchRoom(deps: Deps, input: SearchInput & { roomId: string }): Promise<SearchPage> {
  const query = queryOf(input.q);
  await requireMember(deps.memberships, input.roomId, input.userId);
  return searchIn(deps, [input.roomId], query, input, async () => true);
}

/**
 * GET /search: across the caller's current rooms. The rooms come from the memberships index (eventually
 * consistent); every room with a match is checked again with a consistent membership read, so a room the caller
 * has left never shows, even while the index still lists it.
 */
export async function searchMyRooms(deps: Deps, input: SearchInput): Promise<SearchPage> {
  const query = queryOf(input.q);
  const roomIds: string[] = [];
  let after: string | undefined;
  do {
    const page = await deps.memberships.roomsPage(input.userId, {
      ...(after === undefined ? {} : { after }),
      limit: ROOMS_PAGE,
    });
    roomIds.push(...page.items);
    after = page.next;
  } while (after !== undefined);
  return searchIn(
    deps,
    roomIds,
    query,
    input,
    async (roomId) => (await deps.memberships.membershipOf(roomId, input.userId)) !== undefined,
  );
}
