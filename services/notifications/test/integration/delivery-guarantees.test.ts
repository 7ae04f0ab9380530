import { randomBytes } from 'node:crypto';
import { buildEvent, messageSentContract, presenceChangedContract, type Message } from '@chat/events';
import { ulid } from 'ulid';
import {
  createRoom,
  eventually,
  handledBy,
  joinRoom,
  openDm,
  signedInUser,
  type SignedInUser,
} from '@chat/testing';
import {
  emailsTo,
  inboxOf,
  knownToNotifications,
  messageSentHandled,
  notificationRequests,
  putOnBus,
} from '../support/stack';

// Exactly once per (message, user), and the membership / presence rules, with MessageSent and PresenceChanged
// events put on the local bus directly (the real EventBridge client, envelopes built by libs/events), about
// real users in real rooms (the memberships table is chat-rooms' own).

const tag = () => `t${randomBytes(5).toString('hex')}`;

async function aKnownUser(): Promise<SignedInUser> {
  const user = await signedInUser();
  await knownToNotifications(user.userId);
  return user;
}

function aMessage(roomId: string, sender: SignedInUser, text: string, mentions: string[]): Message {
  return {
    roomId,
    messageId: ulid(),
    senderId: sender.userId,
    text,
    mentions,
    attachments: [],
    createdAt: new Date().toISOString(),
  };
}

const sentEvent = (message: Message) =>
  buildEvent(messageSentContract, message, { producer: 'notifications.integration-test' });

async function notificationsAbout(user: SignedInUser, messageId: string) {
  return (await inboxOf(user, '?limit=100')).items.filter((n) => n.messageId === messageId);
}

async function emailArrives(user: SignedInUser, marker: string) {
  return eventually(
    async () => {
      const emails = await emailsTo(user.email, marker);
      return emails.length > 0 ? emails : undefined;
    },
    { what: `an e-mail to ${user.username} with ${marker}` },
  );
}

/** Puts a MessageSent mentioning `recipient` and waits for its e-mail: earlier deliveries to them are done. */
async function closeOff(roomId: string, sender: SignedInUser, recipient: SignedInUser): Promise<void> {
  const marker = tag();
  await putOnBus(sentEvent(aMessage(roomId, sender, `@${recipient.username} ${marker}`, [recipient.userId])));
  await emailArrives(recipient, marker);
}

let alice: SignedInUser;
let bob: SignedInUser;
let outsider: SignedInUser;
let roomId: string;

beforeAll(async () => {
  [alice, bob, outsider] = await Promise.all([aKnownUser(), aKnownUser(), aKnownUser()]);
  roomId = (await createRoom(alice, { name: `guarantees-${tag()}` })).roomId;
  await joinRoom(roomId, bob);
});

describe('exactly once per message and user', () => {
  it('the same MessageSent delivered three times gives one inbox item, one e-mail and one event', async () => {
    const marker = tag();
    const event = sentEvent(aMessage(roomId, alice, `@${bob.username} ${marker}`, [bob.userId]));

    await putOnBus(event);
    await putOnBus(event);
    await putOnBus(event);

    await handledBy(
      'notifications.notifyMentions',
      'MessageSent',
      (d) => d.messageId === event.data.messageId,
      { count: 3 },
    );
    await emailArrives(bob, marker);
    await closeOff(roomId, alice, bob);
    expect(await notificationsAbout(bob, event.data.messageId)).toHaveLength(1);
    expect(await emailsTo(bob.email, marker)).toHaveLength(1);
    expect(await notificationRequests(bob.userId, event.data.messageId)).toHaveLength(1);
  });

  it('the same message published again under new eventIds still notifies once', async () => {
    const marker = tag();
    const message = aMessage(roomId, alice, `@${bob.username} ${marker}`, [bob.userId]);

    await putOnBus(sentEvent(message), sentEvent(message), sentEvent(message));

    await handledBy('notifications.notifyMentions', 'MessageSent', (d) => d.messageId === message.messageId, {
      count: 3,
    });
    await emailArrives(bob, marker);
    await closeOff(roomId, alice, bob);
    expect(await notificationsAbout(bob, message.messageId)).toHaveLength(1);
    expect(await emailsTo(bob.email, marker)).toHaveLength(1);
  });
});

describe('who is notified', () => {
  it('never a non-member, even when an event names them, and never the sender', async () => {
    const marker = tag();
    const message = aMessage(roomId, alice, `${marker}`, [outsider.userId, alice.userId]);

    await putOnBus(sentEvent(message));

    await messageSentHandled(message.messageId);
    expect(await notificationsAbout(outsider, message.messageId)).toEqual([]);
    expect(await notificationsAbout(alice, message.messageId)).toEqual([]);
  });

  it('a DM recipient who is online is not notified; once offline, they are', async () => {
    const [sender, recipient] = await Promise.all([aKnownUser(), aKnownUser()]);
    const dm = await openDm(sender, recipient.userId);
    const presence = (status: 'online' | 'offline', at: Date) =>
      buildEvent(
        presenceChangedContract,
        { userId: recipient.userId, status, lastSeenAt: at.toISOString() },
        { producer: 'notifications.integration-test' },
      );
    await putOnBus(presence('online', new Date()));
    await handledBy('notifications.trackPresence', 'PresenceChanged', (d) => d.userId === recipient.userId);

    const whileOnline = aMessage(dm.roomId, sender, `hi ${tag()}`, []);
    await putOnBus(sentEvent(whileOnline));
    await messageSentHandled(whileOnline.messageId);
    expect(await notificationsAbout(recipient, whileOnline.messageId)).toEqual([]);

    await putOnBus(presence('offline', new Date(Date.now() + 1000)));
    await handledBy('notifications.trackPresence', 'PresenceChanged', (d) => d.userId === recipient.userId, {
      count: 2,
    });
    const marker = tag();
    const whileOffline = aMessage(dm.roomId, sender, `still there? ${marker}`, []);
    await putOnBus(sentEvent(whileOffline));
    await emailArrives(recipient, marker);
    expect(await notificationsAbout(recipient, whileOffline.messageId)).toEqual([
      expect.objectContaining({ kind: 'dm', fromUserId: sender.userId }),
    ]);
  });
});

describe('the inbox', () => {
  it('lists newest first across pages, and a user never sees another user’s items', async () => {
    const messages = [1, 2, 3].map((i) => ({
      ...aMessage(roomId, alice, `@${bob.username} page ${i} ${tag()}`, [bob.userId]),
      createdAt: new Date(Date.now() + i * 1000).toISOString(),
    }));
    await putOnBus(...messages.map(sentEvent));
    for (const message of messages) await messageSentHandled(message.messageId);

    const first = await inboxOf(bob, '?limit=2');
    const second = await inboxOf(bob, `?limit=2&cursor=${first.nextCursor ?? ''}`);
    const stolen = await inboxOf(alice, `?limit=2&cursor=${first.nextCursor ?? ''}`);

    expect(first.items.slice(0, 2).map((n) => n.messageId)).toEqual([
      messages[2]?.messageId,
      messages[1]?.messageId,
    ]);
    expect(second.items[0]?.messageId).toBe(messages[0]?.messageId);
    expect(stolen.items.filter((n) => messages.some((m) => m.messageId === n.messageId))).toEqual([]);
    expect((await inboxOf(alice, '?limit=100')).items.every((n) => n.fromUserId !== alice.userId)).toBe(true);
  });
});
