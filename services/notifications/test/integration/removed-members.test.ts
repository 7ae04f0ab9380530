import { buildEvent, messageSentContract, type Message } from '@chat/events';
import { markForRemoval } from '@chat/memberships/src/testing';
import {
  createRoom,
  joinRoom,
  openDm,
  signedInUser,
  stackDocumentClient,
  type SignedInUser,
} from '@chat/testing';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { aMessage } from '../support/builders';
import { inboxOf, knownToNotifications, messageSentHandled, putOnBus } from '../support/stack';

// A member rooms has marked for removal (the marker it writes just before the delete; left in place here, as when
// the delete step fails) is not notified: notifications reads memberships through @chat/memberships. The
// MessageSent is put on the bus directly, as one sent while they were still a member and handled after the mark.

let dynamo: DynamoDBDocumentClient;

beforeAll(() => {
  dynamo = stackDocumentClient();
});

afterAll(() => dynamo.destroy());

async function aKnownUser(): Promise<SignedInUser> {
  const user = await signedInUser();
  await knownToNotifications(user.userId);
  return user;
}

function sent(message: Partial<Message>): Message {
  return aMessage({ messageId: ulid(), createdAt: new Date().toISOString(), ...message });
}

async function notifiedOf(user: SignedInUser, messageId: string): Promise<string[]> {
  return (await inboxOf(user, '?limit=100')).items
    .filter((notification) => notification.messageId === messageId)
    .map((notification) => notification.kind);
}

describe('notifications for a member marked for removal', () => {
  it('do not notify a mention of them, while a mentioned member is notified', async () => {
    const [owner, member, kicked] = await Promise.all([aKnownUser(), aKnownUser(), aKnownUser()]);
    const { roomId } = await createRoom(owner);
    await joinRoom(roomId, member);
    await joinRoom(roomId, kicked);
    const message = sent({
      roomId,
      senderId: owner.userId,
      text: `@${member.username} @${kicked.username}`,
      mentions: [member.userId, kicked.userId],
    });

    await markForRemoval(dynamo, { roomId, userId: kicked.userId, removedBy: owner.userId });
    await putOnBus(buildEvent(messageSentContract, message, { producer: 'notifications.integration-test' }));
    await messageSentHandled(message.messageId);

    expect(await notifiedOf(member, message.messageId)).toEqual(['mention']);
    expect(await notifiedOf(kicked, message.messageId)).toEqual([]);
  });

  it('do not notify them of a DM, which they are notified of before the mark', async () => {
    const [sender, recipient] = await Promise.all([aKnownUser(), aKnownUser()]);
    const { roomId } = await openDm(sender, recipient.userId);
    const dm = (text: string) => sent({ roomId, senderId: sender.userId, text, mentions: [] });
    const before = dm('before the mark');
    await putOnBus(buildEvent(messageSentContract, before, { producer: 'notifications.integration-test' }));
    await messageSentHandled(before.messageId);

    await markForRemoval(dynamo, { roomId, userId: recipient.userId, reason: 'left' });
    const after = dm('after the mark');
    await putOnBus(buildEvent(messageSentContract, after, { producer: 'notifications.integration-test' }));
    await messageSentHandled(after.messageId);

    expect(await notifiedOf(recipient, before.messageId)).toEqual(['dm']);
    expect(await notifiedOf(recipient, after.messageId)).toEqual([]);
  });
});
