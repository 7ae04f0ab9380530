import { randomBytes } from 'node:crypto';
import {
  api,
  closeAllSockets,
  connect,
  createRoom,
  eventually,
  expectStatus,
  joinRoom,
  openDm,
  postMessage,
  sendMessage,
  signedInUser,
  type ErrorBody,
  type SignedInUser,
} from '@chat/testing';
import { emailsTo, inboxOf, knownToNotifications, messageSentHandled } from '../support/stack';

// A block (rooms' PUT /users/me/blocks/{userId}) end to end: the blocked user cannot post in the DM (REST 403 and a
// WebSocket error frame FORBIDDEN), the blocker gets no notification from them (a mention and a reply in a shared
// room; DMs cannot be posted at all), and after the unblock both work again.

interface Frame {
  type: string;
  clientMessageId?: string;
  error?: { code: string };
}

afterAll(() => closeAllSockets());

const marker = () => `b${randomBytes(5).toString('hex')}`;

async function aKnownUser(): Promise<SignedInUser> {
  const user = await signedInUser();
  await knownToNotifications(user.userId);
  return user;
}

const notificationsAbout = async (user: SignedInUser, messageId: string) =>
  (await inboxOf(user, '?limit=100')).items.filter((n) => n.messageId === messageId);

describe('blocks', () => {
  it('stop the blocked user’s DM posts and notifications to the blocker at once, until the unblock', async () => {
    const [alice, bob] = await Promise.all([aKnownUser(), aKnownUser()]);
    const { roomId } = await createRoom(alice);
    await joinRoom(roomId, bob);
    const dm = await openDm(alice, bob.userId);
    const parent = await sendMessage(roomId, alice, 'a thread');
    const socket = await connect<Frame>(bob.accessToken);
    await expectStatus(204, 'PUT', `/users/me/blocks/${bob.userId}`, { user: alice });
    const tag = marker();

    const restPost = await postMessage<ErrorBody>(dm.roomId, bob, { text: `hi ${tag}` });
    socket.send({ action: 'sendMessage', roomId: dm.roomId, text: 'hi', clientMessageId: 'blocked-1' });
    const frame = await socket.first((f) => f.clientMessageId === 'blocked-1', 'the answer to the DM frame');
    const mention = await sendMessage(roomId, bob, `@${alice.username} look ${tag}`);
    const reply = await expectStatus<{ messageId: string }>(201, 'POST', `/rooms/${roomId}/messages`, {
      user: bob,
      body: { text: `replying ${tag}`, threadId: parent.messageId },
    });
    await Promise.all([messageSentHandled(mention.messageId), messageSentHandled(reply.messageId)]);
    const bobReadsDm = await api('GET', `/rooms/${dm.roomId}/messages`, { user: bob });

    expect(restPost.status).toBe(403);
    expect(restPost.body.error.code).toBe('FORBIDDEN');
    expect(frame).toMatchObject({ type: 'error', error: { code: 'FORBIDDEN' } });
    expect(await notificationsAbout(alice, mention.messageId)).toEqual([]);
    expect(await notificationsAbout(alice, reply.messageId)).toEqual([]);
    expect(await emailsTo(alice.email, tag)).toEqual([]);
    expect(bobReadsDm.status).toBe(200);

    await expectStatus(204, 'DELETE', `/users/me/blocks/${bob.userId}`, { user: alice });
    const again = await postMessage(dm.roomId, bob, { text: 'hello again' });
    const mentionAgain = await sendMessage(roomId, bob, `@${alice.username} now?`);

    expect(again.status).toBe(201);
    const notified = await eventually(
      async () => {
        const items = await notificationsAbout(alice, mentionAgain.messageId);
        return items.length > 0 ? items : undefined;
      },
      { what: 'the mention after the unblock' },
    );
    expect(notified).toEqual([expect.objectContaining({ kind: 'mention', fromUserId: bob.userId })]);
  }, 180_000);
});
