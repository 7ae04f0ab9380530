import { randomBytes } from 'node:crypto';
import {
  closeAllSockets,
  connect,
  createRoom,
  eventually,
  handledBy,
  joinRoom,
  openDm,
  sendMessage,
  signedInUser,
  type SignedInUser,
} from '@chat/testing';
import {
  inboxOf,
  knownToNotifications,
  messageSentHandled,
  notificationPushedBy,
  roomKnownToNotifications,
} from '../support/stack';

// The whole path of a mention to an online user: chat-messaging → MessageSent → this service's inbox →
// NotificationRequested (inbox stream) → chat-realtime → a `notification` frame on the user's WebSocket.

interface Frame {
  type: string;
  eventId?: string;
  notification?: { messageId: string; kind: string; fromUserId: string; notificationId: string };
}

afterAll(closeAllSockets);

/** Opens a WebSocket as `user`; returns the frames it receives. */
async function framesFor(user: SignedInUser): Promise<Frame[]> {
  return (await connect<Frame>(user.accessToken)).frames;
}

describe('notification frames', () => {
  it('an online user who is mentioned gets one notification frame, matching their inbox item', async () => {
    const [alice, bob] = await Promise.all([signedInUser(), signedInUser()]);
    await Promise.all([knownToNotifications(alice.userId), knownToNotifications(bob.userId)]);
    const room = await createRoom(alice, { name: `frames-${randomBytes(4).toString('hex')}` });
    await joinRoom(room.roomId, bob);
    await roomKnownToNotifications(room.roomId);
    const frames = await framesFor(bob);

    const message = await sendMessage(room.roomId, alice, `@${bob.username} look`);

    const frame = await eventually(
      async () =>
        frames.find((f) => f.type === 'notification' && f.notification?.messageId === message.messageId),
      { what: 'the notification frame' },
    );
    const [item] = (await inboxOf(bob)).items.filter((n) => n.messageId === message.messageId);
    expect(frame.notification).toEqual(item);
    expect(frame.eventId).toEqual(expect.any(String));
    await notificationPushedBy(message.messageId);
    expect(
      frames.filter((f) => f.type === 'notification' && f.notification?.messageId === message.messageId),
    ).toHaveLength(1);
  });

  it('a DM to a user who is online (realtime says so) gives no notification', async () => {
    const [alice, bob] = await Promise.all([signedInUser(), signedInUser()]);
    await Promise.all([knownToNotifications(alice.userId), knownToNotifications(bob.userId)]);
    const dm = await openDm(alice, bob.userId);
    const frames = await framesFor(bob);
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
