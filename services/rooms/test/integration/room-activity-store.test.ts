import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetAll, batchWriteAll } from '@chat/aws';
import { stackDocumentClient } from '@chat/testing';
import { dynamoRoomActivity } from '../../src/adapters/dynamodb-room-activity';
import {
  appliedShortcut,
  shortcutApplies,
  shortcutOf,
  type MessageActivity,
  type MessageSnapshot,
  type RoomActivity,
} from '../../src/domain/room-activity';
import { recordMessageActivity } from '../../src/use-cases/room-activity';
import { activityUniverse, aSnapshot, deleted, reachableStates, sent } from '../support/room-activity-events';

/** rooms' room-activity table on the local stack. */
const TABLE = 'chat-rooms-local-room-activity';

let client: DynamoDBDocumentClient;

beforeAll(() => {
  client = stackDocumentClient();
});

afterAll(() => {
  client.destroy();
});

function inRoom(activity: MessageActivity, roomId: string): MessageActivity {
  return activity.kind === 'deleted'
    ? { ...activity, roomId }
    : { ...activity, message: { ...activity.message, roomId } };
}

async function inBatches<T>(
  items: readonly T[],
  size: number,
  run: (item: T) => Promise<void>,
): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run));
}

describe('the room-activity table', () => {
  it('applies the shortcut exactly where the rule says it applies, and returns the item it refuses', async () => {
    const run = randomUUID();
    const events = activityUniverse();
    const cases = reachableStates(events, 2).flatMap((state, s) =>
      events.map((event, e) => {
        const roomId = `activity-${run}-${s}-${e}`;
        return {
          roomId,
          // Staged as the optimistic Put writes an item (the shape items of the earlier code have too).
          stored: state && { ...state, roomId, revision: 7 },
          event: inRoom(event, roomId),
        };
      }),
    );
    await batchWriteAll(
      client,
      TABLE,
      cases.flatMap(({ stored }) => (stored ? [{ put: stored }] : [])),
    );
    const store = dynamoRoomActivity(client, TABLE);
    const outcomes = new Map<string, Awaited<ReturnType<typeof store.writeShortcut>>>();

    await inBatches(cases, 64, async ({ roomId, event }) => {
      outcomes.set(roomId, await store.writeShortcut(shortcutOf(event)));
    });

    const items = new Map(
      (
        await batchGetAll(
          client,
          TABLE,
          cases.map(({ roomId }) => ({ roomId })),
          { consistentRead: true },
        )
      ).map((item) => [item.roomId as string, item]),
    );
    const mismatches = cases.flatMap(({ roomId, stored, event }) => {
      const shortcut = shortcutOf(event);
      const expected = shortcutApplies(stored, shortcut)
        ? {
            outcome: { applied: true },
            item: { ...appliedShortcut(stored, shortcut), revision: (stored?.revision ?? 0) + 1 },
          }
        : { outcome: { applied: false, stored }, item: stored };
      const actual = { outcome: outcomes.get(roomId), item: items.get(roomId) };
      return isDeepStrictEqual(actual, expected) ? [] : [{ stored, event, expected, actual }];
    });
    expect(mismatches.slice(0, 3)).toEqual([]);
    expect(
      cases.filter(({ stored, event }) => shortcutApplies(stored, shortcutOf(event))).length,
    ).toBeGreaterThan(100);
  });

  it('records what the shortcut cannot with an optimistic Put, refused with the newer item', async () => {
    const roomId = `activity-${randomUUID()}`;
    const store = dynamoRoomActivity(client, TABLE);
    const deps = { activity: store, pause: async () => undefined };
    const [one, two, three] = [1, 2, 3].map((n) => aSnapshot(n, {}, roomId)) as [
      MessageSnapshot,
      MessageSnapshot,
      MessageSnapshot,
    ];
    const sentState = (message: MessageSnapshot) => shortcutOf(sent(message)) as { next: RoomActivity };

    expect(await recordMessageActivity(deps, sent(one))).toEqual({ outcome: 'applied', writes: 1 });
    // Deletes ahead of the last message: the refused shortcut's item, then a Put on its revision each.
    expect(await recordMessageActivity(deps, deleted(three))).toEqual({ outcome: 'applied', writes: 2 });
    // A save on a revision another writer moved past is refused with the item that writer left.
    const stale = await store.save(sentState(one).next, 1);
    expect(stale).toMatchObject({
      applied: false,
      stored: { revision: 2, pendingDeletes: [three.messageId] },
    });
    // Two events that both need the optimistic Put, at once: whichever loses re-applies to what won.
    const both = await Promise.all([
      recordMessageActivity(deps, sent(two)),
      recordMessageActivity(deps, deleted(aSnapshot(4, {}, roomId))),
    ]);
    expect(both.map(({ outcome }) => outcome)).toEqual(['applied', 'applied']);
    expect(await recordMessageActivity(deps, sent(three))).toEqual({ outcome: 'applied', writes: 2 });
    expect(await recordMessageActivity(deps, sent(two))).toEqual({ outcome: 'unchanged', writes: 1 });

    const [item] = await batchGetAll(client, TABLE, [{ roomId }], { consistentRead: true });
    expect(item).toMatchObject({
      lastMessage: { messageId: three.messageId, preview: '', seq: 3 },
      deleted: true,
      pendingDeletes: [aSnapshot(4).messageId],
      revision: 5,
    });
  });
});
