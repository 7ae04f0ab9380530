import { DeliveryIncompleteError } from '../../../src/domain/errors';
import { fanOutToRoom } from '../../../src/use-cases/fan-out-room';
import type { RoomFanOutJob } from '../../../src/use-cases/ports';
import { aSilentLogger } from '../../support/builders';
import {
  aFixedClock,
  InMemoryConnections,
  InMemoryMemberships,
  noWaitRetry,
  RecordingContinuations,
  RecordingMessenger,
} from '../../support/fakes';

const causedBy = { eventId: 'event-1', correlationId: 'corr-1' };
const frame = { type: 'message.sent', message: { text: 'hi' }, eventId: 'event-1' };

function aRoomFanOut(members: string[], pageSize = 500) {
  const connections = new InMemoryConnections();
  members.forEach((member) => connections.add(member, `${member}-conn`));
  connections.add('outsider', 'outsider-conn');
  const memberships = new InMemoryMemberships().room('room-1', members);
  const messenger = new RecordingMessenger();
  const continuations = new RecordingContinuations();
  const deps = {
    connections,
    directory: connections.directory,
    clock: aFixedClock(),
    memberships,
    messenger,
    continuations,
    pageSize,
    concurrency: 25,
    retry: noWaitRetry(),
    logger: aSilentLogger(),
  };
  return { deps, messenger, continuations, memberships, connections };
}

const firstPage = (overrides: Partial<RoomFanOutJob> = {}): RoomFanOutJob => ({
  roomId: 'room-1',
  frame,
  alsoNotify: [],
  page: 1,
  ...overrides,
});

describe('fanOutToRoom', () => {
  it('sends the frame to the connections of the room’s members only', async () => {
    const { deps, messenger, continuations } = aRoomFanOut(['alice', 'bob']);

    const result = await fanOutToRoom(deps, firstPage(), causedBy);

    expect(messenger.sent.map((s) => s.connectionId).sort()).toEqual(['alice-conn', 'bob-conn']);
    expect(continuations.jobs).toEqual([]);
    expect(result).toEqual({ recipients: 2, sent: 2, gone: 0, failed: 0, page: 1, continued: false });
  });

  it('also reaches the users named to notify (the one who left) on the first page', async () => {
    const { deps, messenger } = aRoomFanOut(['alice']);

    await fanOutToRoom(deps, firstPage({ alsoNotify: ['outsider'] }), causedBy);

    expect(messenger.sent.map((s) => s.connectionId).sort()).toEqual(['alice-conn', 'outsider-conn']);
  });

  it('handles one page of members and hands the rest of the room on, before posting', async () => {
    const members = ['m1', 'm2', 'm3', 'm4', 'm5'];
    const { deps, messenger, continuations } = aRoomFanOut(members, 2);

    const result = await fanOutToRoom(deps, firstPage({ alsoNotify: ['outsider'] }), causedBy);

    expect(messenger.sent.map((s) => s.connectionId).sort()).toEqual(['m1-conn', 'm2-conn', 'outsider-conn']);
    expect(continuations.jobs).toEqual([
      { job: { roomId: 'room-1', frame, alsoNotify: [], after: 'm2', page: 2 }, causedBy },
    ]);
    expect(result).toMatchObject({ page: 1, continued: true });
  });

  it('goes on from the cursor of a continuation, and reaches every member exactly once over the pages', async () => {
    const members = ['m1', 'm2', 'm3', 'm4', 'm5'];
    const { deps, messenger, continuations } = aRoomFanOut(members, 2);

    await fanOutToRoom(deps, firstPage(), causedBy);
    // The array grows while it is walked: each page hands on the next.
    for (const { job } of continuations.jobs) await fanOutToRoom(deps, job, causedBy);

    expect(messenger.sent.map((s) => s.connectionId).sort()).toEqual(members.map((m) => `${m}-conn`));
    expect(continuations.jobs.map((j) => j.job.page)).toEqual([2, 3]);
  });

  it('fails after posting to everyone it could when a frame could not be delivered', async () => {
    const { deps, messenger } = aRoomFanOut(['alice', 'bob']);
    messenger.failing.set('bob-conn', Infinity);

    await expect(fanOutToRoom(deps, firstPage(), causedBy)).rejects.toBeInstanceOf(DeliveryIncompleteError);
    expect(messenger.sent.map((s) => s.connectionId)).toEqual(['alice-conn']);
  });
});
