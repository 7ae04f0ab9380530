import { randomBytes } from 'node:crypto';
import {
  createRoom,
  eventually,
  expectStatus,
  joinRoom,
  openDm,
  sendMessage,
  signedInUser,
  type SignedInUser,
  snsDeliveries,
} from '@chat/testing';
import {
  emailsTo,
  inboxOf,
  knownToNotifications,
  messageSentHandled,
  notificationRequests,
  roomKnownToNotifications,
} from '../support/stack';

// End to end on the local stack: real users, real rooms and DMs (chat-rooms), real messages (chat-messaging,
// whose stream publishes MessageSent with the resolved mentions), then this service's inbox, its
// NotificationRequested events and the SNS deliveries the local SNS records.

const marker = () => `m${randomBytes(5).toString('hex')}`;

/** A new user the notifications service already knows (username and e-mail address from UserRegistered). */
async function aKnownUser(): Promise<SignedInUser> {
  const user = await signedInUser();
  await knownToNotifications(user.userId);
  return user;
}

async function aRoomWith(owner: SignedInUser, ...members: SignedInUser[]): Promise<string> {
  const room = await createRoom(owner, { name: `notify-${marker()}` });
  for (const member of members) await joinRoom(room.roomId, member);
  await roomKnownToNotifications(room.roomId);
  return room.roomId;
}

/** The notifications of `user` about one message. */
async function notificationsAbout(user: SignedInUser, messageId: string) {
  return (await inboxOf(user, '?limit=100')).items.filter((n) => n.messageId === messageId);
}

describe('mention notifications, end to end', () => {
  it('a message mentioning two members gives each one inbox item, one e-mail and one event; the sender none', async () => {
    const [alice, bob, carol] = await Promise.all([aKnownUser(), aKnownUser(), aKnownUser()]);
    const roomId = await aRoomWith(alice, bob, carol);
    const tag = marker();

    const message = await sendMessage(roomId, alice, `@${bob.username} and @${carol.username}: ${tag}`);

    expect(message.mentions.sort()).toEqual([bob.userId, carol.userId].sort());
    for (const user of [bob, carol]) {
      const [email] = await eventually(
        async () => {
          const emails = await emailsTo(user.email, tag);
          return emails.length > 0 ? emails : undefined;
        },
        { what: `the e-mail to ${user.username}` },
      );
      expect(email?.subject).toBe(
        `@${alice.username} mentioned you in #${(await roomNameOf(roomId, alice)) ?? ''}`,
      );
      expect(email?.message).toContain(tag);
      expect(await notificationsAbout(user, message.messageId)).toEqual([
        {
          notificationId: expect.stringMatching(/^ntf_/),
          kind: 'mention',
          roomId,
          messageId: message.messageId,
          fromUserId: alice.userId,
          preview: `@${bob.username} and @${carol.username}: ${tag}`,
          createdAt: message.createdAt,
        },
      ]);
      const events = await eventually(
        async () => {
          const found = await notificationRequests(user.userId, message.messageId);
          return found.length > 0 ? found : undefined;
        },
        { what: 'the NotificationRequested event' },
      );
      expect(events).toHaveLength(1);
      expect(await notificationRequests(user.userId, message.messageId, 1)).toHaveLength(1);
    }
    await closeOffWithAMarker(alice, bob, roomId);
    expect(await emailsTo(bob.email, tag)).toHaveLength(1);
    expect(await emailsTo(carol.email, tag)).toHaveLength(1);
    expect(await emailsTo(alice.email, tag)).toEqual([]);
    expect(await notificationsAbout(alice, message.messageId)).toEqual([]);
  });

  it('a member who muted the room gets nothing; the others still do', async () => {
    const [alice, bob, carol] = await Promise.all([aKnownUser(), aKnownUser(), aKnownUser()]);
    const roomId = await aRoomWith(alice, bob, carol);
    await expectStatus(200, 'PUT', '/notifications/preferences', {
      user: bob,
      body: { email: true, push: true, mutedRoomIds: [roomId] },
    });
    const tag = marker();

    const message = await sendMessage(roomId, alice, `@${bob.username} @${carol.username} ${tag}`);

    await eventually(async () => ((await emailsTo(carol.email, tag)).length > 0 ? true : undefined), {
      what: 'the e-mail to carol',
    });
    await messageSentHandled(message.messageId);
    expect(await notificationsAbout(bob, message.messageId)).toEqual([]);
    expect(await emailsTo(bob.email, tag)).toEqual([]);
    expect(await notificationRequests(bob.userId, message.messageId)).toEqual([]);
  });

  it('mentioning a non-member, an unknown name or oneself notifies no one', async () => {
    const [alice, bob, outsider] = await Promise.all([aKnownUser(), aKnownUser(), aKnownUser()]);
    const roomId = await aRoomWith(alice, bob);
    const tag = marker();

    const message = await sendMessage(
      roomId,
      alice,
      `@${outsider.username} @nobody_${tag} @${alice.username} ${tag}`,
    );

    expect(message.mentions).toEqual([alice.userId]);
    await messageSentHandled(message.messageId);
    for (const user of [alice, bob, outsider]) {
      expect(await notificationsAbout(user, message.messageId)).toEqual([]);
    }
    await closeOffWithAMarker(alice, bob, roomId);
    for (const user of [alice, bob, outsider]) expect(await emailsTo(user.email, tag)).toEqual([]);
  });

  it('a DM to a user who is offline notifies them once, as a DM', async () => {
    const [alice, bob] = await Promise.all([aKnownUser(), aKnownUser()]);
    const dm = await openDm(alice, bob.userId);
    const tag = marker();

    const message = await sendMessage(dm.roomId, alice, `are you there? ${tag}`);

    const [email] = await eventually(
      async () => {
        const emails = await emailsTo(bob.email, tag);
        return emails.length > 0 ? emails : undefined;
      },
      { what: 'the DM e-mail' },
    );
    expect(email?.subject).toBe(`@${alice.username} sent you a direct message`);
    expect(await notificationsAbout(bob, message.messageId)).toEqual([
      expect.objectContaining({ kind: 'dm', roomId: dm.roomId, fromUserId: alice.userId }),
    ]);
    expect(await notificationsAbout(alice, message.messageId)).toEqual([]);
  });

  it('with e-mail off and a push device registered, a mention is pushed to the device only', async () => {
    const [alice, bob] = await Promise.all([aKnownUser(), aKnownUser()]);
    const roomId = await aRoomWith(alice, bob);
    await expectStatus(200, 'PUT', '/notifications/preferences', {
      user: bob,
      body: { email: false, push: true, mutedRoomIds: [] },
    });
    await expectStatus(201, 'POST', '/notifications/devices', {
      user: bob,
      body: { platform: 'fcm', token: `fcm-${bob.userId}:${marker()}` },
    });
    const tag = marker();

    await sendMessage(roomId, alice, `@${bob.username} ${tag}`);

    const pushed = await eventually(
      async () => {
        const found = (await snsDeliveries({ protocol: 'application' })).filter((d) =>
          d.message.includes(tag),
        );
        return found.length > 0 ? found : undefined;
      },
      { what: 'the push delivery' },
    );
    expect(pushed).toHaveLength(1);
    expect(JSON.parse(pushed[0]?.message ?? '{}')).toMatchObject({
      notification: {
        title: `@${alice.username} mentioned you in #${(await roomNameOf(roomId, alice)) ?? ''}`,
      },
    });
    expect(await emailsTo(bob.email, tag)).toEqual([]);
  });
});

/** The room's name as the rooms API gives it. */
async function roomNameOf(roomId: string, member: SignedInUser): Promise<string | undefined> {
  return (await expectStatus<{ name: string }>(200, 'GET', `/rooms/${roomId}`, { user: member })).name;
}

/**
 * Sends one more mention of `recipient` and waits for its e-mail. The inbox stream delivers a user's
 * items in order, so once it arrived every earlier notification of that user has been delivered too.
 */
async function closeOffWithAMarker(
  sender: SignedInUser,
  recipient: SignedInUser,
  roomId: string,
): Promise<void> {
  const tag = marker();
  await sendMessage(roomId, sender, `@${recipient.username} ${tag}`);
  await eventually(async () => ((await emailsTo(recipient.email, tag)).length > 0 ? true : undefined), {
    what: 'the closing e-mail',
  });
}
