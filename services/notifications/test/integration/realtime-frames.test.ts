import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { localStack } from '../../../../tools/local/test/support/local-stack';
import { signedInUser, type SignedInUser } from '../../../../tools/local/test/support/users';
import {
  createRoom,
  eventually,
  handledBy,
  inboxOf,
  join,
  knownToNotifications,
  messageSentHandled,
  openDm,
  roomKnownToNotifications,
  sendMessage,
} from '../support/stack';

// The whole path of a mention to an online user: chat-messaging → MessageSent → this service's inbox →
// NotificationRequested (inbox stream) → chat-realtime → a `notification` frame on the user's WebSocket.

interface Frame {
  type: string;
  eventId?: string;
  notification?: { messageId: string; kind: string; fromUserId: string; notificationId: string };
}

const sockets: WebSocket[] = [];

afterAll(() => {
  for (const socket of sockets) socket.terminate();
});

/** Opens a WebSocket as `user` and records every frame it receives. */
async function connect(user: SignedInUser): Promise<Frame[]> {
  const frames: Frame[] = [];
  const socket = new WebSocket(`${localStack().webSocket}/?token=${encodeURIComponent(user.accessToken)}`);
  sockets.push(socket);
  socket.on('message', (data) => frames.push(JSON.parse(String(data)) as Frame));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return frames;
}

describe('notification frames', () => {
  it('an online user who is mentioned gets one notification frame, matching their inbox item', async () => {
    const [alice, bob] = await Promise.all([signedInUser(), signedInUser()]);
    await Promise.all([knownToNotifications(alice.userId), knownToNotifications(bob.userId)]);
    const room = await createRoom(alice, `frames-${randomBytes(4).toString('hex')}`);
    await join(room.roomId, bob);
    await roomKnownToNotifications(room.roomId);
    const frames = await connect(bob);

    const message = await sendMessage(room.roomId, alice, `@${bob.username} look`);

    const frame = await eventually('the notification frame', async () =>
      frames.find((f) => f.type === 'notification' && f.notification?.messageId === message.messageId),
    );
    const [item] = (await inboxOf(bob)).items.filter((n) => n.messageId === message.messageId);
    expect(frame.notification).toEqual(item);
    expect(frame.eventId).toEqual(expect.any(String));
    await handledBy('realtime.notifyUser', 'NotificationRequested', (d) => d.messageId === message.messageId);
    expect(
      frames.filter((f) => f.type === 'notification' && f.notification?.messageId === message.messageId),
    ).toHaveLength(1);
  });

  it('a DM to a user who is online (realtime says so) gives no notification', async () => {
    const [alice, bob] = await Promise.all([signedInUser(), signedInUser()]);
    await Promise.all([knownToNotifications(alice.userId), knownToNotifications(bob.userId)]);
    const dm = await openDm(alice, bob.userId);
    const frames = await connect(bob);
    await handledBy(
      'notifications.trackPresence',
      'PresenceChanged',
      (d) => d.userId === bob.userId && d.status === 'online',
    );

    const message = await sendMessage(dm.roomId, alice, 'are you there?');

    await messageSentHandled(message.messageId);
    expect((await inboxOf(bob)).items.filter((n) => n.messageId === message.messageId)).toEqual([]);
    expect(frames.filter((f) => f.type === 'notification')).toEqual([]);
  });
});
