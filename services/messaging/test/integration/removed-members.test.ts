import { markForRemoval } from '@chat/memberships/src/testing';
import { aRoomWithMembers, api, stackDocumentClient, type ErrorBody } from '@chat/testing';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Message } from '../../src/domain/message';
import { send, sent } from '../support/stack-api';

// A member rooms has marked for removal (the marker it writes just before the delete; left in place here, as when
// the delete step fails) is no longer a member for messaging: it reads memberships through @chat/memberships.

let dynamo: DynamoDBDocumentClient;

beforeAll(() => {
  dynamo = stackDocumentClient();
});

afterAll(() => dynamo.destroy());

describe('a member marked for removal', () => {
  it('is refused with 404 for posting and reading, and nothing is stored', async () => {
    const { roomId, owner, members } = await aRoomWithMembers(1);
    const kicked = members[0]!;
    await sent(roomId, kicked, 'while still a member');

    await markForRemoval(dynamo, { roomId, userId: kicked.userId, removedBy: owner.userId });
    const post = await send(roomId, kicked, { text: 'after the kick' });
    const read = await api<ErrorBody>('GET', `/rooms/${roomId}/messages`, { user: kicked });

    expect([post.status, post.body.error.code]).toEqual([404, 'NOT_FOUND']);
    expect([read.status, read.body.error.code]).toEqual([404, 'NOT_FOUND']);
    const history = await api<{ items: Message[] }>('GET', `/rooms/${roomId}/messages`, { user: owner });
    expect(history.body.items.map((message) => message.text)).toEqual(['while still a member']);
  });

  it('is not resolved as a mention, while a member still is', async () => {
    const { roomId, owner, members } = await aRoomWithMembers(2);
    const [kicked, member] = [members[0]!, members[1]!];

    await markForRemoval(dynamo, { roomId, userId: kicked.userId, removedBy: owner.userId });
    const message = await sent(roomId, owner, `@${kicked.username} and @${member.username}`);

    expect(message.mentions).toEqual([member.userId]);
  });
});
