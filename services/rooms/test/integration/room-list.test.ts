import {
  api,
  createRoom,
  eventually,
  handledBy,
  joinRoom,
  sendMessage,
  signedInUsers,
  type RoomBody,
  type SentMessage,
  type SignedInUser,
} from '@chat/testing';

interface LastMessageBody {
  messageId: string;
  seq: number | null;
  senderId: string;
  preview: string;
  createdAt: string;
}

type MyRoom = RoomBody & { lastMessage: LastMessageBody | null; lastActivityAt: string };

const PROJECTOR = 'rooms.projectRoomActivity';

async function myRooms(user: SignedInUser): Promise<MyRoom[]> {
  const answer = await api<{ items: MyRoom[] }>('GET', '/rooms/mine', { user });
  if (answer.status !== 200) throw new Error(`GET /rooms/mine answered ${answer.status}`);
  return answer.body.items;
}

/** Waits until `user`'s room list shows `roomId` with a last message matching `check`. */
function listed(
  user: SignedInUser,
  roomId: string,
  check: (room: MyRoom) => boolean,
  what: string,
): Promise<MyRoom[]> {
  return eventually(
    async () => {
      const rooms = await myRooms(user);
      const room = rooms.find((r) => r.roomId === roomId);
      return room && check(room) ? rooms : undefined;
    },
    { what },
  );
}

describe('GET /rooms/mine with the last message', () => {
  it('puts the room with the newest message first and follows its edit and delete', async () => {
    const [alice, bob] = await signedInUsers(2);
    const quiet = await createRoom(alice!);
    const busy = await createRoom(alice!);
    const newest = await createRoom(alice!);
    await joinRoom(busy.roomId, bob!);

    const before = await myRooms(alice!);
    const long = `${'x'.repeat(150)} tail`;
    const first = await sendMessage(busy.roomId, bob!, 'first');
    const last = await sendMessage<SentMessage & { seq?: number }>(busy.roomId, bob!, long);
    const sentList = await listed(
      alice!,
      busy.roomId,
      (r) => r.lastMessage?.messageId === last.messageId,
      'the last message listed',
    );

    expect(before.find((r) => r.roomId === newest.roomId)).toMatchObject({
      lastMessage: null,
      lastActivityAt: newest.createdAt,
    });
    expect(sentList.map((r) => r.roomId).slice(0, 3)).toEqual([busy.roomId, newest.roomId, quiet.roomId]);
    expect(sentList[0]).toMatchObject({
      lastActivityAt: last.createdAt,
      lastMessage: {
        messageId: last.messageId,
        seq: last.seq ?? null,
        senderId: bob!.userId,
        preview: 'x'.repeat(140),
        createdAt: last.createdAt,
      },
    });

    // An edit of an older message changes nothing; an edit of the last one changes its preview.
    await api('PATCH', `/rooms/${busy.roomId}/messages/${first.messageId}`, {
      user: bob,
      body: { text: 'old' },
    });
    await api('PATCH', `/rooms/${busy.roomId}/messages/${last.messageId}`, {
      user: bob,
      body: { text: 'edited' },
    });
    await handledBy(PROJECTOR, 'MessageEdited', (data) => data.messageId === first.messageId);
    const edited = await listed(
      alice!,
      busy.roomId,
      (r) => r.lastMessage?.preview === 'edited',
      'the edited preview',
    );
    expect(edited.find((r) => r.roomId === busy.roomId)?.lastMessage?.messageId).toBe(last.messageId);

    const deleted = await api('DELETE', `/rooms/${busy.roomId}/messages/${last.messageId}`, { user: bob });
    const tombstoned = await listed(
      alice!,
      busy.roomId,
      (r) => r.lastMessage?.preview === '',
      'the tombstone',
    );

    expect(deleted.status).toBe(204);
    expect(tombstoned.find((r) => r.roomId === busy.roomId)).toMatchObject({
      lastActivityAt: last.createdAt,
      lastMessage: { messageId: last.messageId, preview: '' },
    });
  });

  it('shows the same last message to every member, and a newer room of the user above an older quiet one', async () => {
    const [alice, bob] = await signedInUsers(2);
    const shared = await createRoom(alice!);
    await joinRoom(shared.roomId, bob!);
    const message = await sendMessage(shared.roomId, alice!, 'hello both');
    await listed(
      alice!,
      shared.roomId,
      (r) => r.lastMessage?.messageId === message.messageId,
      'alice’s list',
    );
    const later = await createRoom(bob!);

    const bobs = await listed(
      bob!,
      shared.roomId,
      (r) => r.lastMessage?.messageId === message.messageId,
      'bob’s list',
    );

    expect(bobs.map((r) => r.roomId)).toEqual([later.roomId, shared.roomId]);
  });
});
