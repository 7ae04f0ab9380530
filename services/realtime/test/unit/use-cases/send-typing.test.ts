import { inMemoryRateLimiter, rateLimit } from '@chat/runtime';
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
  let now = Date.parse('2025-01-15T10:00:00.000Z');
  const deps = {
    connections,
    directory: connections.directory,
    clock: aFixedClock(),
    limits: { limiter: inMemoryRateLimiter(() => now), typing: rateLimit('typing', 1, 2) },
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
  return { deps, messenger, memberships, advance: (ms: number) => (now += ms) };
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

  it('reads the memberships once when the typist is on the members’ first page', async () => {
    const { deps, memberships } = aTypingRoom();

    await sendTyping(deps, typing('alice-phone', { action: 'typing', roomId: 'room-1' }));

    expect(memberships.membershipReads).toBe(0);
    expect(memberships.pageRequests).toHaveLength(2); // [alice, bob], then [carol]
  });

  it('reads the membership of a typist whose id sorts after the first page, and delivers to every other member', async () => {
    const { deps, messenger, memberships } = aTypingRoom();

    const outcome = await sendTyping(deps, typing('carol-phone', { action: 'typing', roomId: 'room-1' }));

    expect(outcome).toMatchObject({ kind: 'delivered', userId: 'carol' });
    expect(memberships.membershipReads).toBe(1);
    expect(messenger.sent.map((s) => s.connectionId).sort()).toEqual([
      'alice-laptop',
      'alice-phone',
      'bob-phone',
    ]);
  });

  it('refuses a non-member whose id sorts within the first page without a membership read', async () => {
    const { deps, messenger, memberships } = aTypingRoom();
    deps.connections.add('aaron', 'aaron-phone');

    const outcome = await sendTyping(deps, typing('aaron-phone', { action: 'typing', roomId: 'room-1' }));

    expect(outcome).toMatchObject({ kind: 'refused', reply: { error: { code: 'NOT_FOUND' } } });
    expect(memberships.membershipReads).toBe(0);
    expect(messenger.sent).toEqual([]);
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

  it('forwards at most one typing frame per user and room every 2 s, dropping the rest silently', async () => {
    const { deps, messenger, advance } = aTypingRoom();
    const frame = typing('alice-phone', { action: 'typing', roomId: 'room-1' });

    const burst = [];
    for (let i = 0; i < 5; i += 1) burst.push(await sendTyping(deps, frame));
    advance(1999);
    const early = await sendTyping(deps, frame);
    advance(1);
    const later = await sendTyping(deps, frame);

    expect(burst.map((o) => o.kind)).toEqual(['delivered', 'dropped', 'dropped', 'dropped', 'dropped']);
    expect(early.kind).toBe('dropped');
    expect(later.kind).toBe('delivered');
    expect(messenger.recipientsOf('typing')).toHaveLength(4);
    expect(messenger.sent.filter((s) => s.frame.type === 'error')).toEqual([]);
  });

  it('counts each user apart: one user’s typing does not drop another’s', async () => {
    const { deps } = aTypingRoom();

    await sendTyping(deps, typing('alice-phone', { action: 'typing', roomId: 'room-1' }));
    const bob = await sendTyping(deps, typing('bob-phone', { action: 'typing', roomId: 'room-1' }));

    expect(bob.kind).toBe('delivered');
  });
});
