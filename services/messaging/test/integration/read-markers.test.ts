import { aRoomWithMembers, api, signedInUser, type ErrorBody } from '@chat/testing';
import { sent } from '../support/stack-api';

interface Unread {
  count: number;
  lastReadMessageId: string | null;
  capped: boolean;
}

describe('read markers', () => {
  it('count the messages of others after the caller’s marker', async () => {
    const { roomId, owner, members } = await aRoomWithMembers(1);
    const bob = members[0]!;
    const first = await sent(roomId, owner, 'one');
    await sent(roomId, bob, 'my own');
    await sent(roomId, owner, 'two');
    await sent(roomId, owner, 'three');

    const before = await api<Unread>('GET', `/rooms/${roomId}/unread`, { user: bob });
    const marked = await api('PUT', `/rooms/${roomId}/read`, {
      user: bob,
      body: { messageId: first.messageId },
    });
    const after = await api<Unread>('GET', `/rooms/${roomId}/unread`, { user: bob });

    expect(before.body).toEqual({ count: 3, lastReadMessageId: null, capped: false });
    expect(marked.status).toBe(204);
    expect(after.body).toEqual({ count: 2, lastReadMessageId: first.messageId, capped: false });
  });

  it('refuse a marker on a message of another room with 400, and non-members with 404', async () => {
    const { roomId, owner } = await aRoomWithMembers(0);
    const other = await aRoomWithMembers(0);
    const elsewhere = await sent(other.roomId, other.owner, 'elsewhere');
    const stranger = await signedInUser();

    const foreign = await api<ErrorBody>('PUT', `/rooms/${roomId}/read`, {
      user: owner,
      body: { messageId: elsewhere.messageId },
    });
    const byStranger = await api<ErrorBody>('GET', `/rooms/${roomId}/unread`, { user: stranger });

    expect([foreign.status, foreign.body.error.details?.[0]?.field]).toEqual([400, 'messageId']);
    expect(byStranger.status).toBe(404);
  });
});
