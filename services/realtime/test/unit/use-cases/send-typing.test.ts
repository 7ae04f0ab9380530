import { sendTyping } from '../../../src/use-cases/send-typing';
import { aSilentLogger } from '../../support/builders';
import {
  aFixedClock,
  InMemoryConnections,
  InMemoryMemberships,
  noWaitRetry,
  RecordingMessenger,
  sequentialIds,
} from '../../support/fakes';

function aTypingRoom() {
  const connections = new InMemoryConnections()
    .add('alice', 'alice-phone')
    .add('alice', 'alice-laptop')
    .add('bob', 'bob-phone')
    .add('carol', 'carol-phone')
    .add('mallory', 'mallory-phone');
  const memberships = new InMemoryMemberships().room('room-1', ['alice', 'bob', 'carol']);
  const messenger = new RecordingMessenger();
  const deps = {
    connections,
    directory: connections.directory,
    clock: aFixedClock(),
    memberships,
    messenger,
    ids: sequentialIds('typing'),
    pageSize: 2,
    maxRecipients: 2000,
    concurrency: 10,
    retry: noWaitRetry(),
    logger: aSilentLogger(),
    ownerOf: (id: string) => connections.ownerOf(id),
  };
  return { deps, messenger };
}

const typing = (connectionId: string, frame: unknown) => ({ connectionId, body: JSON.stringify(frame) });

describe('sendTyping', () => {
  it('sends typing to the other members’ connections, none of the typist’s own', async () => {
    const { deps, messenger } = aTypingRoom();

    const outcome = await sendTyping(deps, typing('alice-phone', { action: 'typing', roomId: 'room-1' }));

    expect(outcome).toMatchObject({
      kind: 'delivered',
      roomId: 'room-1',
      userId: 'alice',
      report: { sent: 2 },
    });
    expect(messenger.sent.map((s) => s.connectionId).sort()).toEqual(['bob-phone', 'carol-phone']);
    expect(messenger.sent[0]?.frame).toEqual({
      type: 'typing',
      roomId: 'room-1',
      userId: 'alice',
      eventId: 'typing-1',
    });
  });

  it('refuses typing in a room the user is not in with NOT_FOUND, telling nobody', async () => {
    const { deps, messenger } = aTypingRoom();

    const outcome = await sendTyping(deps, typing('mallory-phone', { action: 'typing', roomId: 'room-1' }));

    expect(outcome).toEqual({
      kind: 'refused',
      reply: { type: 'error', error: { code: 'NOT_FOUND', message: 'The room was not found' } },
    });
    expect(messenger.sent).toEqual([]);
  });

  it('refuses a frame without a roomId with VALIDATION_FAILED naming the field', async () => {
    const { deps } = aTypingRoom();

    const outcome = await sendTyping(deps, typing('alice-phone', { action: 'typing' }));

    expect(outcome).toEqual({
      kind: 'refused',
      reply: {
        type: 'error',
        error: {
          code: 'VALIDATION_FAILED',
          message: 'The request is not valid',
          details: [{ field: 'roomId', message: expect.any(String) }],
        },
      },
    });
  });

  it('refuses a connection it has no record of with UNAUTHENTICATED', async () => {
    const { deps } = aTypingRoom();

    const outcome = await sendTyping(deps, typing('unknown-conn', { action: 'typing', roomId: 'room-1' }));

    expect(outcome).toMatchObject({ kind: 'refused', reply: { error: { code: 'UNAUTHENTICATED' } } });
  });
});
