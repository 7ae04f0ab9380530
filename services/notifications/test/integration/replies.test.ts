import { randomBytes } from 'node:crypto';
import { buildEvent, messageSentContract, type MessageSent } from '@chat/events';
import { ulid } from 'ulid';
import {
  closeAllSockets,
  connect,
  createRoom,
  eventually,
  expectStatus,
  handledBy,
  joinRoom,
  sendMessage,
  signedInUser,
  type SignedInUser,
} from '@chat/testing';
import {
  emailsTo,
  inboxOf,
  knownToNotifications,
  messageSentHandled,
  notificationPushedBy,
  notificationRequests,
  putOnBus,
  roomKnownToNotifications,
} from '../support/stack';

// Reply notifications end to end on the local stack: real users and rooms, a real parent message and real
// replies (chat-messaging's MessageSent of a reply names the parent's author as threadAuthorId), then this
// service's inbox, its NotificationRequested v2, the SNS e-mail and chat-realtime's `notification` frame.

interface Frame {
  type: string;
  eventId?: string;
  notification?: { messageId: string; kind: string; notificationId: string };
}

interface Sent {
  roomId: string;
  messageId: string;
  senderId: string;
  text: string;
  mentions: string[];
  createdAt: string;
  threadId?: string;
}

afterAll(closeAllSockets);

const marker = () => `r${randomBytes(5).toString('hex')}`;

async function aKnownUser(): Promise<SignedInUser> {
  const user = await signedInUser();
  await knownToNotifications(user.userId);
  return user;
}

/** A room of `owner` with `members`, known to notifications (its name is in the e-mails). */
async function aRoomWith(
  owner: SignedInUser,
  ...members: SignedInUser[]
): Promise<{ roomId: string; name: string }> {
  const room = await createRoom(owner, { name: `replies-${marker()}` });
  for (const member of members) await joinRoom(room.roomId, member);
  await roomKnownToNotifications(room.roomId);
  return { roomId: room.roomId, name: room.name };
}

/** POST a reply to `threadId` as `user` (201). */
const reply = (roomId: string, user: SignedInUser, threadId: string, text: string) =>
  expectStatus<Sent>(201, 'POST', `/rooms/${roomId}/messages`, { user, body: { text, threadId } });

async function notificationsAbout(user: SignedInUser, messageId: string) {
  return (await inboxOf(user, '?limit=100')).items.filter((n) => n.messageId === messageId);
}

const framesAbout = (frames: Frame[], messageId: string) =>
  frames.filter((f) => f.type === 'notification' && f.notification?.messageId === messageId);

describe('reply notifications', () => {
  it("a reply gives the parent's author exactly one `reply`: inbox item, v2 event, e-mail and frame", async () => {
    const [alice, bob] = await Promise.all([aKnownUser(), aKnownUser()]);
    const room = await aRoomWith(alice, bob);
    const parent = await sendMessage<Sent>(room.roomId, alice, 'shall we ship on friday?');
    const frames = (await connect<Frame>(alice.accessToken)).frames;
    const tag = marker();

    const answer = await reply(room.roomId, bob, parent.messageId, `yes, friday ${tag}`);

    expect(answer).toMatchObject({ threadId: parent.messageId, senderId: bob.userId });
    const frame = await eventually(async () => framesAbout(frames, answer.messageId)[0], {
      what: 'the notification frame of the reply',
    });
    const [email] = await eventually(
      async () => {
        const emails = await emailsTo(alice.email, tag);
        return emails.length > 0 ? emails : undefined;
      },
      { what: 'the reply e-mail' },
    );
    await messageSentHandled(answer.messageId);
    await notificationPushedBy(answer.messageId);
    const inbox = await notificationsAbout(alice, answer.messageId);
    expect(inbox).toEqual([
      {
        notificationId: expect.stringMatching(/^ntf_/),
        kind: 'reply',
        roomId: room.roomId,
        messageId: answer.messageId,
        fromUserId: bob.userId,
        preview: `yes, friday ${tag}`,
        createdAt: answer.createdAt,
      },
    ]);
    expect(frame.notification).toEqual(inbox[0]);
    expect(framesAbout(frames, answer.messageId)).toHaveLength(1);
    expect(email?.subject).toBe(`@${bob.username} replied to your message in #${room.name}`);
    expect(await notificationRequests(alice.userId, answer.messageId, 2)).toHaveLength(1);
    // Version 1 has no `reply` kind: a reply is published as v2 only.
    expect(await notificationRequests(alice.userId, answer.messageId, 1)).toEqual([]);
    expect(await notificationsAbout(bob, answer.messageId)).toEqual([]);
  });

  it('the author replying to their own message notifies no one', async () => {
    const [alice, bob] = await Promise.all([aKnownUser(), aKnownUser()]);
    const room = await aRoomWith(alice, bob);
    const parent = await sendMessage<Sent>(room.roomId, alice, 'a thought');

    const answer = await reply(room.roomId, alice, parent.messageId, 'and a second thought');

    await messageSentHandled(answer.messageId);
    expect(await notificationsAbout(alice, answer.messageId)).toEqual([]);
    expect(await notificationsAbout(bob, answer.messageId)).toEqual([]);
  });

  it("a parent's author who muted the room gets nothing", async () => {
    const [alice, bob] = await Promise.all([aKnownUser(), aKnownUser()]);
    const room = await aRoomWith(alice, bob);
    const parent = await sendMessage<Sent>(room.roomId, alice, 'muting this room after this');
    await expectStatus(200, 'PUT', '/notifications/preferences', {
      user: alice,
      body: { email: true, push: true, mutedRoomIds: [room.roomId] },
    });
    const tag = marker();

    const answer = await reply(room.roomId, bob, parent.messageId, `noted ${tag}`);

    await messageSentHandled(answer.messageId);
    expect(await notificationsAbout(alice, answer.messageId)).toEqual([]);
    expect(await emailsTo(alice.email, tag)).toEqual([]);
  });

  it('a reply that also @mentions the parent’s author gives them one notification, a mention', async () => {
    const [alice, bob] = await Promise.all([aKnownUser(), aKnownUser()]);
    const room = await aRoomWith(alice, bob);
    const parent = await sendMessage<Sent>(room.roomId, alice, 'who reviews this?');

    const answer = await reply(room.roomId, bob, parent.messageId, `@${alice.username} I will`);

    expect(answer.mentions).toEqual([alice.userId]);
    await messageSentHandled(answer.messageId);
    expect(await notificationsAbout(alice, answer.messageId)).toEqual([
      expect.objectContaining({ kind: 'mention', fromUserId: bob.userId, messageId: answer.messageId }),
    ]);
  });
});

describe('reply notifications under redelivery', () => {
  let alice: SignedInUser;
  let bob: SignedInUser;
  let roomId: string;

  beforeAll(async () => {
    [alice, bob] = await Promise.all([aKnownUser(), aKnownUser()]);
    roomId = (await aRoomWith(alice, bob)).roomId;
  });

  /** A MessageSent of bob's reply to a message of alice's, as chat-messaging publishes it. */
  function aReplyEvent(text: string) {
    const data: MessageSent = {
      roomId,
      messageId: ulid(),
      senderId: bob.userId,
      text,
      mentions: [],
      attachments: [],
      createdAt: new Date().toISOString(),
      threadId: ulid(),
      threadAuthorId: alice.userId,
    };
    return buildEvent(messageSentContract, data, { producer: 'notifications.integration-test' });
  }

  it('the same MessageSent of a reply delivered twice still gives one notification and one event', async () => {
    const event = aReplyEvent(`twice ${marker()}`);

    await putOnBus(event);
    await putOnBus(event);

    await handledBy(
      'notifications.notifyMentions',
      'MessageSent',
      (d) => d.messageId === event.data.messageId,
      {
        count: 2,
      },
    );
    await notificationPushedBy(event.data.messageId);
    // The inbox stream delivers alice's items in order: once a later reply's event is out, this one's are all out.
    const later = aReplyEvent(`later ${marker()}`);
    await putOnBus(later);
    await notificationPushedBy(later.data.messageId);
    expect(await notificationsAbout(alice, event.data.messageId)).toEqual([
      expect.objectContaining({ kind: 'reply', fromUserId: bob.userId }),
    ]);
    expect(await notificationRequests(alice.userId, event.data.messageId)).toHaveLength(1);
  });
});
