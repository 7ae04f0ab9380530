import {
  aRoomWithMembers,
  api,
  createRoom,
  eventually,
  joinRoom,
  leaveRoom,
  signedInUser,
  type ErrorBody,
} from '@chat/testing';
import { sent } from '../support/stack-api';

interface Unread {
  count: number;
  lastReadMessageId: string | null;
  capped: boolean;
}

describe('read markers', () => {
  it('count the messages of others after the caller’s marker', async () => {
    const { roomId, owner, members } = await aRoomWithMembers(1);
    const bob = members[0]!;
    const first = await sent(roomId, owner, 'one');
    await sent(roomId, bob, 'my own');
    await sent(roomId, owner, 'two');
    await sent(roomId, owner, 'three');

    const before = await api<Unread>('GET', `/rooms/${roomId}/unread`, { user: bob });
    const marked = await api('PUT', `/rooms/${roomId}/read`, {
      user: bob,
      body: { messageId: first.messageId },
    });
    const after = await api<Unread>('GET', `/rooms/${roomId}/unread`, { user: bob });

    expect(before.body).toEqual({ count: 3, lastReadMessageId: null, capped: false });
    expect(marked.status).toBe(204);
    expect(after.body).toEqual({ count: 2, lastReadMessageId: first.messageId, capped: false });
  });

  it('refuse a marker on a message of another room with 400, and non-members with 404', async () => {
    const { roomId, owner } = await aRoomWithMembers(0);
    const other = await aRoomWithMembers(0);
    const elsewhere = await sent(other.roomId, other.owner, 'elsewhere');
    const stranger = await signedInUser();

    const foreign = await api<ErrorBody>('PUT', `/rooms/${roomId}/read`, {
      user: owner,
      body: { messageId: elsewhere.messageId },
    });
    const byStranger = await api<ErrorBody>('GET', `/rooms/${roomId}/unread`, { user: stranger });

    expect([foreign.status, foreign.body.error.details?.[0]?.field]).toEqual([400, 'messageId']);
    expect(byStranger.status).toBe(404);
  });
});

interface RoomUnreads {
  items: { roomId: string; count: number; capped: boolean; lastReadMessageId: string | null }[];
}

interface Receipts {
  items: { userId: string; lastReadMessageId: string; lastReadSeq: number | null; readAt: string }[];
  nextCursor: string | null;
}

describe('unread of many rooms', () => {
  it('answer the badges of the caller’s rooms in one call, leaving out a room the caller is not in', async () => {
    const { roomId: first, owner, members } = await aRoomWithMembers(1);
    const bob = members[0]!;
    const { roomId: second } = await createRoom(owner);
    await joinRoom(second, bob);
    const { roomId: notMine } = await aRoomWithMembers(0);
    const read = await sent(first, owner, 'one');
    await sent(first, owner, 'two');
    await sent(second, owner, 'three');
    await api('PUT', `/rooms/${first}/read`, { user: bob, body: { messageId: read.messageId } });

    const answer = await api<RoomUnreads>('GET', `/unread?roomIds=${second},${notMine},${first}`, {
      user: bob,
    });

    expect(answer.status).toBe(200);
    expect(answer.body.items).toEqual([
      { roomId: second, count: 1, capped: false, lastReadMessageId: null },
      { roomId: first, count: 1, capped: false, lastReadMessageId: read.messageId },
    ]);
  });

  it.each([
    ['101 ids', Array.from({ length: 101 }, (_, i) => `room${i}`).join(',')],
    ['an id that cannot be a room id', 'ok-room,not%20an%20id'],
    ['no ids at all', ''],
  ])('refuse %s with a 400 naming roomIds', async (_case, roomIds) => {
    const user = await signedInUser();

    const answer = await api<ErrorBody>('GET', `/unread?roomIds=${roomIds}`, { user });

    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('VALIDATION_FAILED');
    expect(answer.body.error.details?.map((d) => d.field)).toEqual(['roomIds']);
  });
});

describe('receipts', () => {
  it('list each current member’s marker, a page at a time, and leave out a member who left', async () => {
    const { roomId, owner, members } = await aRoomWithMembers(2);
    const [bob, carol] = [members[0]!, members[1]!];
    const message = await sent(roomId, owner, 'read me');
    for (const user of [owner, bob, carol]) {
      await api('PUT', `/rooms/${roomId}/read`, { user, body: { messageId: message.messageId } });
    }
    await leaveRoom(roomId, carol);

    // The receipts are a Query of an index: eventually consistent.
    const all = await eventually(
      async () => {
        const first = await api<Receipts>('GET', `/rooms/${roomId}/receipts?limit=1`, { user: bob });
        const rest = await api<Receipts>(
          'GET',
          `/rooms/${roomId}/receipts?limit=100&cursor=${first.body.nextCursor ?? ''}`,
          { user: bob },
        );
        const items = [...first.body.items, ...rest.body.items];
        return items.length === 2 ? { first, rest, items } : undefined;
      },
      { what: 'the receipts of the room' },
    );

    expect(all.first.body.nextCursor).toEqual(expect.any(String));
    expect(all.rest.body.nextCursor).toBeNull();
    expect(all.items.map((r) => r.userId).sort()).toEqual([owner.userId, bob.userId].sort());
    for (const receipt of all.items) {
      expect(receipt).toEqual({
        userId: receipt.userId,
        lastReadMessageId: message.messageId,
        lastReadSeq: (message as { seq?: number }).seq ?? null,
        readAt: expect.any(String),
      });
    }
  });

  it('answer 404 to a non-member, and 400 to a bad limit or cursor', async () => {
    const { roomId, owner } = await aRoomWithMembers(0);
    const stranger = await signedInUser();

    const byStranger = await api<ErrorBody>('GET', `/rooms/${roomId}/receipts`, { user: stranger });
    const badLimit = await api<ErrorBody>('GET', `/rooms/${roomId}/receipts?limit=0`, { user: owner });
    const badCursor = await api<ErrorBody>('GET', `/rooms/${roomId}/receipts?cursor=%21%21`, { user: owner });

    expect(byStranger.status).toBe(404);
    expect([badLimit.status, badLimit.body.error.details?.[0]?.field]).toEqual([400, 'limit']);
    expect([badCursor.status, badCursor.body.error.details?.[0]?.field]).toEqual([400, 'cursor']);
  });
});
