import { RateLimitedError } from '@chat/runtime';
import { BlockedInDirectMessageError, RoomNotFoundError } from '../../../src/domain/errors';
import { requestUpload } from '../../../src/use-cases/attachments';
import { changeReaction } from '../../../src/use-cases/change-reaction';
import { sendMessage, type SendMessageInput } from '../../../src/use-cases/send-message';
import { answerSendMessageFrame } from '../../../src/use-cases/socket-send-message';
import { ALICE, aSend, BOB, ROOM } from '../../support/builders';
import { aWorld, type FakeWorld } from '../../support/fakes';

const DM = 'dm_alice_bob';

function aWorldWithRooms(): FakeWorld {
  const world = aWorld();
  world.memberships
    .add(ROOM, { userId: ALICE, username: 'alice', role: 'owner' })
    .add(ROOM, { userId: BOB, username: 'bob', role: 'member' })
    .add(DM, { userId: ALICE, username: 'alice', role: 'owner' })
    .add(DM, { userId: BOB, username: 'bob', role: 'member' });
  return world;
}

async function sendTimes(world: FakeWorld, count: number, overrides: Partial<SendMessageInput> = {}) {
  for (let i = 0; i < count; i += 1) await sendMessage(world, aSend({ text: `m${i}`, ...overrides }));
}

describe('the send limit (30 per 10 s, REST and WebSocket together)', () => {
  it('refuses the 31st send in the window with a RateLimitedError carrying the seconds to the window’s end', async () => {
    const world = aWorldWithRooms();
    await sendTimes(world, 30);
    world.clock.advance(4_000);

    const refusal = sendMessage(world, aSend({ text: 'one too many' }));

    await expect(refusal).rejects.toBeInstanceOf(RateLimitedError);
    await expect(refusal).rejects.toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 6 });
    expect(world.messages.messages.size).toBe(30);
  });

  it('lets the sender send again once the window has ended', async () => {
    const world = aWorldWithRooms();
    await sendTimes(world, 30);
    world.clock.advance(10_000);

    const { created } = await sendMessage(world, aSend({ text: 'later' }));

    expect(created).toBe(true);
  });

  it('counts each sender apart', async () => {
    const world = aWorldWithRooms();
    await sendTimes(world, 30);

    const { created } = await sendMessage(world, aSend({ senderId: BOB }));

    expect(created).toBe(true);
  });

  it('answers a limited retry of a stored send with the stored message, not a refusal', async () => {
    const world = aWorldWithRooms();
    const first = await sendMessage(world, aSend({ clientMessageId: 'c-1' }));
    await sendTimes(world, 29);

    const retry = await sendMessage(world, aSend({ clientMessageId: 'c-1' }));

    expect(retry).toEqual({ message: first.message, created: false });
    await expect(sendMessage(world, aSend({ clientMessageId: 'c-2' }))).rejects.toBeInstanceOf(
      RateLimitedError,
    );
  });

  it('answers a limited send to a room the sender is not in with 404, as an unlimited one', async () => {
    const world = aWorldWithRooms();
    await sendTimes(world, 30);

    await expect(
      sendMessage(world, aSend({ roomId: 'elsewhere', clientMessageId: 'x' })),
    ).rejects.toBeInstanceOf(RoomNotFoundError);
  });

  it('checks the allowance while it reads the membership and an earlier send: one round trip, not two', async () => {
    const world = aWorldWithRooms();
    const limiter = world.limits.limiter;
    const reads: string[] = [];
    const membershipOf = world.memberships.membershipOf.bind(world.memberships);
    world.memberships.membershipOf = async (roomId, userId) => {
      reads.push('membership');
      return membershipOf(roomId, userId);
    };
    // The limiter answers only after the membership read has begun: were the two one after the other, the send
    // would wait for ever (and the test time out).
    world.limits = {
      ...world.limits,
      limiter: {
        take: async (limit, subject) => {
          while (reads.length === 0) await new Promise((resolve) => setImmediate(resolve));
          return limiter.take(limit, subject);
        },
      },
    };

    const { created } = await sendMessage(world, aSend({ clientMessageId: 'c-1' }));

    expect(created).toBe(true);
    expect(reads).toEqual(['membership']);
  });

  it('answers a limited WebSocket frame with an error frame RATE_LIMITED carrying retryAfter', async () => {
    const world = aWorldWithRooms();
    world.connections.users.set('conn-1', ALICE);
    await sendTimes(world, 30);

    const reply = await answerSendMessageFrame(world, {
      connectionId: 'conn-1',
      body: JSON.stringify({ action: 'sendMessage', roomId: ROOM, text: 'hi', clientMessageId: 'ws-1' }),
      correlationId: 'req-2',
    });

    expect(reply).toEqual({
      type: 'error',
      clientMessageId: 'ws-1',
      error: { code: 'RATE_LIMITED', message: expect.any(String), retryAfter: 10 },
    });
  });
});

describe('blocks in a DM', () => {
  it('refuses a post of a user the other member blocked (403), and keeps the other direction open', async () => {
    const world = aWorldWithRooms();
    world.blocks.block(BOB, ALICE);

    await expect(sendMessage(world, aSend({ roomId: DM }))).rejects.toBeInstanceOf(
      BlockedInDirectMessageError,
    );
    const fromBob = await sendMessage(world, aSend({ roomId: DM, senderId: BOB }));

    expect(fromBob.created).toBe(true);
  });

  it('does not apply to a shared room that is not a DM', async () => {
    const world = aWorldWithRooms();
    world.blocks.block(BOB, ALICE);

    const { created } = await sendMessage(world, aSend({ roomId: ROOM }));

    expect(created).toBe(true);
  });
});

describe('the reaction and attachment limits', () => {
  it('refuses the 61st reaction request in 10 s', async () => {
    const world = aWorldWithRooms();
    const { message } = await sendMessage(world, aSend());
    const react = () =>
      changeReaction(world, {
        roomId: ROOM,
        messageId: message.messageId,
        userId: BOB,
        reaction: ':+1:',
        change: 'added',
        correlationId: 'r',
      });
    for (let i = 0; i < 60; i += 1) await react();

    await expect(react()).rejects.toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 10 });
  });

  it('refuses the 31st upload announcement in a minute', async () => {
    const world = aWorldWithRooms();
    const upload = () =>
      requestUpload(world, {
        roomId: ROOM,
        userId: ALICE,
        fileName: 'a.txt',
        contentType: 'text/plain',
        size: 3,
      });
    for (let i = 0; i < 30; i += 1) await upload();

    await expect(upload()).rejects.toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 60 });
  });
});
