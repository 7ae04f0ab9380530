import {
  aRoomWithMembers,
  api,
  closeAllSockets,
  connect,
  signedInUser,
  type ErrorBody,
  type SignedInUser,
} from '@chat/testing';
import type { Message } from '../../src/domain/message';
import { eventsAbout, sent } from '../support/stack-api';

interface Frame {
  type: string;
  roomId?: string;
  messageId?: string;
  version?: number;
  reactions?: Message['reactions'];
}

interface ChangesBody extends ErrorBody {
  items: Message[];
  version: number;
}

afterAll(() => closeAllSockets());

const reactionPath = (roomId: string, messageId: string, reaction: string) =>
  `/rooms/${roomId}/messages/${messageId}/reactions/${encodeURIComponent(reaction)}`;

const react = (user: SignedInUser, roomId: string, messageId: string, reaction: string) =>
  api<ErrorBody | undefined>('PUT', reactionPath(roomId, messageId, reaction), { user });

const unreact = (user: SignedInUser, roomId: string, messageId: string, reaction: string) =>
  api<ErrorBody | undefined>('DELETE', reactionPath(roomId, messageId, reaction), { user });

/** The message as the changes feed has it now (its latest state), and the room's version. */
async function current(roomId: string, user: SignedInUser, messageId: string) {
  const page = await api<ChangesBody>('GET', `/rooms/${roomId}/changes?limit=200`, { user });
  expect(page.status).toBe(200);
  return { message: page.body.items.find((m) => m.messageId === messageId), version: page.body.version };
}

function expectError(response: { status: number; body: unknown }, status: number, code: string): void {
  expect(response.status).toBe(status);
  expect(response.body).toEqual({ error: expect.objectContaining({ code, message: expect.any(String) }) });
}

describe('reactions', () => {
  it('counts ten members adding the same reaction at once exactly, one room version each', async () => {
    const { roomId, owner, members } = await aRoomWithMembers(9);
    const { messageId } = await sent(roomId, owner, 'react to me');
    const everyone = [owner, ...members];

    const answers = await Promise.all(everyone.map((user) => react(user, roomId, messageId, '👍')));

    expect(answers.map((a) => a.status)).toEqual(everyone.map(() => 204));
    const { message, version } = await current(roomId, owner, messageId);
    expect(message?.reactions).toEqual([
      { reaction: '👍', count: 10, userIds: expect.arrayContaining(everyone.map((u) => u.userId)) },
    ]);
    expect(message?.reactions?.[0]?.userIds).toHaveLength(10);
    // The send took version 1 and each of the ten additions one more.
    expect(version).toBe(11);
    expect(message?.version).toBe(11);
  });

  it('is idempotent: a repeated add or remove, also concurrent, changes nothing and takes no version', async () => {
    const { roomId, owner } = await aRoomWithMembers(0);
    const { messageId } = await sent(roomId, owner, 'idempotent');

    const adds = await Promise.all([1, 2, 3, 4, 5].map(() => react(owner, roomId, messageId, ':tada:')));
    expect(adds.map((a) => a.status)).toEqual([204, 204, 204, 204, 204]);
    const afterAdds = await current(roomId, owner, messageId);
    expect(afterAdds.message?.reactions).toEqual([{ reaction: ':tada:', count: 1, userIds: [owner.userId] }]);
    expect(afterAdds.version).toBe(2);

    expect((await unreact(owner, roomId, messageId, ':tada:')).status).toBe(204);
    expect((await unreact(owner, roomId, messageId, ':tada:')).status).toBe(204);
    expect((await unreact(owner, roomId, messageId, ':wave:')).status).toBe(204);
    const afterRemoves = await current(roomId, owner, messageId);
    expect(afterRemoves.message?.reactions).toEqual([]);
    expect(afterRemoves.version).toBe(3);
  });

  it('lists reactions in order of appearance and drops one whose last user removed it', async () => {
    const { roomId, owner, members } = await aRoomWithMembers(1);
    const [bob] = members as [SignedInUser];
    const { messageId } = await sent(roomId, owner, 'two reactions');

    await react(owner, roomId, messageId, '❤️');
    await react(bob, roomId, messageId, '👍🏽');
    await react(bob, roomId, messageId, '❤️');
    await unreact(owner, roomId, messageId, '❤️');
    await unreact(bob, roomId, messageId, '👍🏽');

    const { message } = await current(roomId, owner, messageId);
    expect(message?.reactions).toEqual([{ reaction: '❤️', count: 1, userIds: [bob.userId] }]);
  });

  it('accepts one emoji grapheme of any kind, and shortcodes', async () => {
    const { roomId, owner } = await aRoomWithMembers(0);
    const { messageId } = await sent(roomId, owner, 'emoji kinds');
    const accepted = ['👍', '👍🏿', '👨‍👩‍👧‍👦', '🇫🇷', '#️⃣', '❤️', '🏳️‍🌈', ':+1:', ':white_check_mark:', ':a-b:'];

    for (const reaction of accepted) {
      expect([reaction, (await react(owner, roomId, messageId, reaction)).status]).toEqual([reaction, 204]);
    }

    const { message } = await current(roomId, owner, messageId);
    expect(message?.reactions?.map((r) => r.reaction)).toEqual(accepted);
  });

  it('refuses text that is not one emoji or a shortcode with 400 naming reaction', async () => {
    const { roomId, owner } = await aRoomWithMembers(0);
    const { messageId } = await sent(roomId, owner, 'bad reactions');
    const refused = [
      'a',
      'ok',
      '👍👍',
      '👍 ',
      ':Thumbs:',
      '::',
      `:${'a'.repeat(33)}:`,
      'thumbsup:',
      '1',
      '<b>',
    ];

    for (const reaction of refused) {
      const answer = await react(owner, roomId, messageId, reaction);
      expect([reaction, answer.status]).toEqual([reaction, 400]);
      expect(answer.body).toEqual({
        error: {
          code: 'VALIDATION_FAILED',
          message: expect.any(String),
          details: [{ field: 'reaction', message: expect.any(String) }],
        },
      });
    }
    expect((await current(roomId, owner, messageId)).message?.reactions).toEqual([]);
  });

  it('refuses a 21st distinct reaction with 409, while more users of an existing one are fine', async () => {
    const { roomId, owner, members } = await aRoomWithMembers(1);
    const { messageId } = await sent(roomId, owner, 'twenty reactions');
    for (let i = 0; i < 20; i++) {
      expect((await react(owner, roomId, messageId, `:r${i}:`)).status).toBe(204);
    }

    expectError(await react(owner, roomId, messageId, ':r20:'), 409, 'CONFLICT');
    expect((await react(members[0] as SignedInUser, roomId, messageId, ':r3:')).status).toBe(204);

    const { message } = await current(roomId, owner, messageId);
    expect(message?.reactions).toHaveLength(20);
    expect(message?.reactions?.find((r) => r.reaction === ':r3:')?.count).toBe(2);
  });

  it('answers 404 for an unknown message and for a non-member, 409 on a tombstone', async () => {
    const { roomId, owner } = await aRoomWithMembers(0);
    const stranger = await signedInUser();
    const { messageId } = await sent(roomId, owner, 'soon deleted');

    expectError(await react(owner, roomId, '01HZY3Q8J9K2M4N6P8R0S2T4V6', '👍'), 404, 'NOT_FOUND');
    expectError(await react(stranger, roomId, messageId, '👍'), 404, 'NOT_FOUND');
    expectError(await unreact(stranger, roomId, messageId, '👍'), 404, 'NOT_FOUND');

    expect((await react(owner, roomId, messageId, '👍')).status).toBe(204);
    expect((await api('DELETE', `/rooms/${roomId}/messages/${messageId}`, { user: owner })).status).toBe(204);
    expectError(await react(owner, roomId, messageId, '🎉'), 409, 'CONFLICT');
    expectError(await unreact(owner, roomId, messageId, '👍'), 409, 'CONFLICT');
    const { message } = await current(roomId, owner, messageId);
    expect(message?.reactions).toEqual([]);
  });

  it('answers 100 KB in the path with 400 or 414, never a 500', async () => {
    const { roomId, owner } = await aRoomWithMembers(0);
    const { messageId } = await sent(roomId, owner, 'long paths');
    const huge = 'x'.repeat(100 * 1024);

    const paths = [
      reactionPath(roomId, messageId, huge),
      reactionPath(roomId, huge, '👍'),
      reactionPath(huge, messageId, '👍'),
      reactionPath(roomId, messageId, '👍'.repeat(25_000)),
    ];
    for (const path of paths) {
      for (const method of ['PUT', 'DELETE']) {
        const answer = await api<unknown>(method, path, { user: owner });
        expect([400, 414]).toContain(answer.status);
      }
    }
  });

  it('tells the room with a reaction.changed frame and publishes ReactionChanged, both with the version', async () => {
    const { roomId, owner, members } = await aRoomWithMembers(1);
    const [bob] = members as [SignedInUser];
    const socket = await connect<Frame>(owner.accessToken);
    const { messageId } = await sent(roomId, owner, 'watch the reactions');

    expect((await react(bob, roomId, messageId, '🔥')).status).toBe(204);

    const frame = await socket.next('reaction.changed', (f) => f.messageId === messageId);
    expect(frame).toEqual({
      type: 'reaction.changed',
      roomId,
      messageId,
      version: 2,
      reactions: [{ reaction: '🔥', count: 1, userIds: [bob.userId] }],
      eventId: expect.any(String),
    });
    const [event] = await eventsAbout('ReactionChanged', messageId);
    expect(event?.event.detail.data).toEqual({
      roomId,
      messageId,
      userId: bob.userId,
      reaction: '🔥',
      change: 'added',
      version: 2,
      reactions: [{ reaction: '🔥', count: 1, userIds: [bob.userId] }],
    });

    expect((await unreact(bob, roomId, messageId, '🔥')).status).toBe(204);
    const removed = await socket.next(
      'reaction.changed',
      (f) => f.messageId === messageId && f.version === 3,
    );
    expect(removed.reactions).toEqual([]);
  });

  it('shows reactions in history, and every message answers reactions: [] when it has none', async () => {
    const { roomId, owner } = await aRoomWithMembers(0);
    const plain = await sent(roomId, owner, 'no reactions');
    const liked = await sent(roomId, owner, 'liked');
    await react(owner, roomId, liked.messageId, '👍');

    const history = await api<{ items: Message[] }>('GET', `/rooms/${roomId}/messages`, { user: owner });

    expect(plain.reactions).toEqual([]);
    expect(history.body.items.map((m) => [m.messageId, m.reactions])).toEqual([
      [liked.messageId, [{ reaction: '👍', count: 1, userIds: [owner.userId] }]],
      [plain.messageId, []],
    ]);
  });
});
