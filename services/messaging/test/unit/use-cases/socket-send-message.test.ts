import { answerSendMessageFrame } from '../../../src/use-cases/socket-send-message';
import { ALICE, CAROL, ROOM } from '../../support/builders';
import { aWorld, type FakeWorld } from '../../support/fakes';

function connectedAlice(): FakeWorld {
  const world = aWorld();
  world.memberships.add(ROOM, { userId: ALICE, username: 'alice', role: 'member' });
  world.connections.users.set('conn-1', ALICE);
  return world;
}

function frame(body: unknown): { connectionId: string; body: string; correlationId: string } {
  return { connectionId: 'conn-1', body: JSON.stringify(body), correlationId: 'ws-req-1' };
}

describe('answerSendMessageFrame', () => {
  it('acks with the stored message sent as the connection’s user, whatever senderId the frame claims', async () => {
    const world = connectedAlice();

    const reply = await answerSendMessageFrame(
      world,
      frame({ action: 'sendMessage', roomId: ROOM, text: 'hi', clientMessageId: 'c-1', senderId: CAROL }),
    );

    expect(reply).toEqual({
      type: 'ack',
      clientMessageId: 'c-1',
      message: expect.objectContaining({ roomId: ROOM, senderId: ALICE, text: 'hi', clientMessageId: 'c-1' }),
    });
  });

  it('acks a repeated clientMessageId with the same stored message', async () => {
    const world = connectedAlice();
    const send = frame({ action: 'sendMessage', roomId: ROOM, text: 'hi', clientMessageId: 'c-1' });

    const first = await answerSendMessageFrame(world, send);
    const second = await answerSendMessageFrame(world, send);

    expect(second).toEqual(first);
    expect(world.messages.messages.size).toBe(1);
  });

  it('answers a domain error with its contract code and the clientMessageId', async () => {
    const world = connectedAlice();

    const reply = await answerSendMessageFrame(
      world,
      frame({ action: 'sendMessage', roomId: 'someone-elses-room', text: 'hi', clientMessageId: 'c-2' }),
    );

    expect(reply).toEqual({
      type: 'error',
      clientMessageId: 'c-2',
      error: { code: 'NOT_FOUND', message: 'The room was not found' },
    });
  });

  it('answers a frame without the required fields with VALIDATION_FAILED naming them', async () => {
    const world = connectedAlice();

    const reply = await answerSendMessageFrame(
      world,
      frame({ action: 'sendMessage', text: 'hi', clientMessageId: 'c-3' }),
    );

    expect(reply).toEqual({
      type: 'error',
      clientMessageId: 'c-3',
      error: {
        code: 'VALIDATION_FAILED',
        message: expect.any(String),
        details: [{ field: 'roomId', message: expect.any(String) }],
      },
    });
  });

  it('answers empty text with VALIDATION_FAILED', async () => {
    const world = connectedAlice();

    const reply = await answerSendMessageFrame(
      world,
      frame({ action: 'sendMessage', roomId: ROOM, text: '', clientMessageId: 'c-4' }),
    );

    expect(reply).toMatchObject({
      type: 'error',
      clientMessageId: 'c-4',
      error: { code: 'VALIDATION_FAILED' },
    });
  });

  it('answers a frame that is not a JSON object with BAD_FRAME', async () => {
    const world = connectedAlice();

    const reply = await answerSendMessageFrame(world, {
      connectionId: 'conn-1',
      body: '[1,2]',
      correlationId: 'r',
    });

    expect(reply).toEqual({ type: 'error', error: { code: 'BAD_FRAME', message: expect.any(String) } });
  });

  it('answers UNAUTHENTICATED for a connection realtime does not know', async () => {
    const world = connectedAlice();

    const reply = await answerSendMessageFrame(world, {
      ...frame({ action: 'sendMessage', roomId: ROOM, text: 'hi', clientMessageId: 'c-5' }),
      connectionId: 'unknown',
    });

    expect(reply).toMatchObject({
      type: 'error',
      clientMessageId: 'c-5',
      error: { code: 'UNAUTHENTICATED' },
    });
    expect(world.messages.messages.size).toBe(0);
  });

  it('lets faults other than domain errors through to the handler', async () => {
    const world = connectedAlice();
    world.messages.create = async () => {
      throw new Error('DynamoDB is down');
    };

    await expect(
      answerSendMessageFrame(
        world,
        frame({ action: 'sendMessage', roomId: ROOM, text: 'hi', clientMessageId: 'c-6' }),
      ),
    ).rejects.toThrow('DynamoDB is down');
  });
});
