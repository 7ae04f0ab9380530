import type { ChatClient, ConnectionState, Message, Room } from '@chat/client';
import { eventually, refusedStatus, signedInUser, stackSocketUrl, uniqueRoomName } from '@chat/testing';
import {
  addOnceKnown,
  closeAllClients,
  connectedClient,
  dropSockets,
  expiredSession,
  newClient,
} from '../support/stack';

jest.setTimeout(300_000);
afterAll(closeAllClients);

const LONG = { timeoutMs: 120_000 };

/** Everything a room reports, in order. */
function recorder(room: Room) {
  const added: Message[] = [];
  room.on('message', (m) => added.push(m));
  return added;
}

function states(chat: ChatClient): ConnectionState[] {
  const seen: ConnectionState[] = [];
  chat.on('state', (s) => seen.push(s));
  return seen;
}

/** The room as a client that opens it now sees it, all history loaded. */
async function freshState(roomId: string, chat: ChatClient): Promise<Message[]> {
  const fresh = newClient({ session: chat.session });
  const room = await fresh.openRoom(roomId);
  while (room.hasOlder) await room.loadOlder(100);
  const messages = room.messages;
  await fresh.close();
  return messages;
}

async function aRoomOfTwo() {
  const { chat: alice } = await connectedClient();
  const { chat: bob } = await connectedClient();
  const { roomId } = await alice.api.createRoom({ name: uniqueRoomName('sdk'), visibility: 'public' });
  await bob.api.addMember(roomId);
  return { alice, bob, roomId };
}

describe('ChatClient on the local stack', () => {
  it('stores every send once and delivers each to the other client once, in order, when the server drops the sockets mid-send', async () => {
    const { alice, bob, roomId } = await aRoomOfTwo();
    const aliceRoom = await alice.openRoom(roomId);
    const bobRoom = await bob.openRoom(roomId);
    const received = recorder(bobRoom);
    const bobStates = states(bob);
    const aliceStates = states(alice);

    const sends = Array.from({ length: 30 }, (_, i) => aliceRoom.send(`message ${i}`));
    await eventually(() => aliceRoom.pending.length <= 20, { what: 'ten sends stored', ...LONG });
    const dropped = (await dropSockets(alice.userId as string)) + (await dropSockets(bob.userId as string));
    const stored = await Promise.all(sends);
    await eventually(() => received.length >= 30, { what: 'bob has every message', ...LONG });
    const history = await alice.api.listChanges(roomId, { since: 0, limit: 200 });

    expect(dropped).toBe(2);
    expect(bobStates).toContain('reconnecting');
    expect(aliceStates).toContain('reconnecting');
    expect(stored.map((m) => m.text)).toEqual(Array.from({ length: 30 }, (_, i) => `message ${i}`));
    expect(history.items.map((m) => m.text).sort()).toEqual(stored.map((m) => m.text).sort());
    expect(received.map((m) => m.messageId)).toEqual(stored.map((m) => m.messageId));
    expect(bobRoom.messages.map((m) => m.messageId)).toEqual(stored.map((m) => m.messageId));
    expect(aliceRoom.pending).toEqual([]);
  });

  it('catches a client that was offline during 250 messages, 5 edits and 3 deletes up to the state of a fresh load', async () => {
    const { alice, roomId } = await aRoomOfTwo();
    const bobUser = await signedInUser();
    await addOnceKnown(alice, roomId, bobUser.userId);
    let offline = false;
    const bob = newClient({
      fetch: (input, init) => (offline ? Promise.reject(new TypeError('offline')) : fetch(input, init)),
    });
    await bob.login({ username: bobUser.username, password: bobUser.password });
    await bob.connect();
    const first = await alice.api.sendMessage(roomId, { text: 'before' });
    const bobRoom = await bob.openRoom(roomId);
    const received = recorder(bobRoom);
    const changed: Message[] = [];
    bobRoom.on('change', (m) => changed.push(m));

    const states: string[] = [];
    bob.on('state', (state) => states.push(state));
    offline = true;
    await dropSockets(bobUser.userId);
    // Seen as a transition, not polled: the socket may reconnect before a poll would look.
    await eventually(() => states.includes('reconnecting'), { what: 'bob reconnecting' });
    // Ten senders, 25 messages each: one user may send at most 30 messages per window (API.md "Safety").
    const senders = [
      alice,
      ...(await Promise.all(
        Array.from({ length: 9 }, async () => {
          const { chat } = await connectedClient();
          await chat.api.addMember(roomId);
          return chat;
        }),
      )),
    ];
    const sent: Message[] = [];
    for (let batch = 0; batch < 25; batch++) {
      sent.push(
        ...(await Promise.all(
          senders.map((sender, i) => sender.api.sendMessage(roomId, { text: `offline ${batch * 10 + i}` })),
        )),
      );
    }
    // Five of alice's own messages (an edit is the sender's), none of those deleted below.
    for (const message of sent.filter((_, k) => k % 10 === 0).slice(2, 7))
      await alice.api.editMessage(roomId, message.messageId, { text: 'edited' });
    for (const message of [first, ...sent.slice(10, 12)])
      await alice.api.deleteMessage(roomId, message.messageId);
    offline = false;
    await eventually(() => bob.state === 'connected', { what: 'bob back', ...LONG });
    const expected = await freshState(roomId, alice);
    await eventually(() => (expect(bobRoom.messages).toEqual(expected), true), {
      what: 'bob caught up',
      ...LONG,
    });

    const bySeq = [...sent].sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
    expect(expected).toHaveLength(251);
    expect(expected.filter((m) => m.deletedAt !== undefined)).toHaveLength(3);
    expect(expected.filter((m) => m.text === 'edited')).toHaveLength(5);
    expect(received.map((m) => m.messageId)).toEqual(bySeq.map((m) => m.messageId));
    expect(new Set(changed.map((m) => m.messageId)).size).toBe(8);
    expect(bobRoom.version).toBe(Math.max(...expected.map((m) => m.version ?? 0)));
  });

  it('shows two devices of one user the same room state', async () => {
    const { alice, bob, roomId } = await aRoomOfTwo();
    const { chat: phone } = await connectedClient();
    const laptopUser = await signedInUser();
    await addOnceKnown(alice, roomId, laptopUser.userId);
    const laptop = newClient();
    const tablet = newClient();
    for (const device of [laptop, tablet]) {
      await device.login({ username: laptopUser.username, password: laptopUser.password });
      await device.connect();
    }
    const rooms = [await laptop.openRoom(roomId), await tablet.openRoom(roomId)];

    const own = await rooms[0]?.send('from the laptop');
    const other = await bob.api.sendMessage(roomId, { text: 'from bob' });
    await rooms[1]?.send('from the tablet');
    await laptop.api.editMessage(roomId, own?.messageId as string, { text: 'from the laptop, edited' });
    await alice.api.deleteMessage(roomId, other.messageId);
    const expected = await freshState(roomId, alice);

    expect(expected).toHaveLength(3);
    for (const room of rooms) {
      await eventually(() => (expect(room?.messages).toEqual(expected), true), {
        what: 'a device in step',
        ...LONG,
      });
    }
    await phone.close();
  });

  it('refreshes an expired access token before reconnecting', async () => {
    const { alice, bob, roomId } = await aRoomOfTwo();
    const room = await alice.openRoom(roomId);
    const received = recorder(room);
    const expired = expiredSession(alice.session as NonNullable<typeof alice.session>);
    const refusedBefore = await refusedStatus(stackSocketUrl(expired.accessToken));

    const states: string[] = [];
    alice.on('state', (state) => states.push(state));
    alice.useSession(expired);
    await dropSockets(alice.userId as string);
    // Seen as a transition, not polled: the socket may reconnect before a poll would look.
    await eventually(() => states.includes('reconnecting'), { what: 'alice reconnecting' });
    await eventually(() => alice.state === 'connected', { what: 'alice connected again', ...LONG });
    const message = await bob.api.sendMessage(roomId, { text: 'after the refresh' });
    await eventually(() => received.some((m) => m.messageId === message.messageId), {
      what: 'the frame',
      ...LONG,
    });

    expect(refusedBefore).toBe(401);
    expect(alice.session?.accessToken).not.toBe(expired.accessToken);
    expect(alice.session?.expiresAt).toBeGreaterThan(Date.now());
  });

  it('forwards typing at most once per throttle window and reports others typing', async () => {
    const { alice, bob, roomId } = await aRoomOfTwo();
    const aliceRoom = await alice.openRoom(roomId);
    const bobRoom = await bob.openRoom(roomId);
    const typing: string[] = [];
    bobRoom.on('typing', (userId) => typing.push(userId));

    aliceRoom.typing();
    aliceRoom.typing();
    await eventually(() => typing.length > 0, { what: 'a typing frame', ...LONG });
    const sentAgain = await bob.api.sendMessage(roomId, { text: 'a frame after the typing' });
    await eventually(() => bobRoom.messages.some((m) => m.messageId === sentAgain.messageId), LONG);

    expect(typing).toEqual([alice.userId]);
  });

  it('logs out: the server refuses the old tokens and the client is closed', async () => {
    const { chat, user } = await connectedClient();
    const before = chat.session?.accessToken as string;

    await chat.logout();

    expect(chat.state).toBe('closed');
    expect(chat.session).toBeUndefined();
    // The contract lets a verifier use a revocation record up to 1 s old: refused within that.
    await eventually(async () => (await refusedStatus(stackSocketUrl(before)).catch(() => -1)) === 401, {
      what: 'the old token refused at $connect',
      timeoutMs: 5_000,
    });
    expect(user.userId).toEqual(expect.any(String));
  });
});
