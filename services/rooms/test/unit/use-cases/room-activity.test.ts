import { MAX_ACTIVITY_ATTEMPTS, recordMessageActivity } from '../../../src/use-cases/room-activity';
import type { MessageActivity } from '../../../src/domain/room-activity';
import { InMemoryRoomActivity } from '../../support/in-memory-room-store';

const message = (n: number): MessageActivity => ({
  kind: 'sent',
  message: {
    roomId: 'room-1',
    messageId: `m${n}`,
    senderId: 'alice',
    text: `message ${n}`,
    createdAt: `2025-01-15T10:00:0${n}.000Z`,
    seq: n,
  },
});
const deleted = (n: number): MessageActivity => ({ kind: 'deleted', roomId: 'room-1', messageId: `m${n}` });

describe('recordMessageActivity', () => {
  const noPause = async () => undefined;

  it('stores a newer message, and changes nothing on a replay or an older one, with one write each', async () => {
    const activity = new InMemoryRoomActivity();
    const deps = { activity, pause: noPause };

    const first = await recordMessageActivity(deps, message(2));
    const again = await recordMessageActivity(deps, message(2));
    const older = await recordMessageActivity(deps, message(1));
    const newer = await recordMessageActivity(deps, message(3));
    const tombstone = await recordMessageActivity(deps, deleted(3));

    expect([first, again, older, newer, tombstone]).toEqual([
      { outcome: 'applied', writes: 1 },
      { outcome: 'unchanged', writes: 1 },
      { outcome: 'unchanged', writes: 1 },
      { outcome: 'applied', writes: 1 },
      { outcome: 'applied', writes: 1 },
    ]);
    expect(activity.writes).toEqual([
      'shortcut:message',
      'shortcut:message',
      'shortcut:message',
      'shortcut:message',
      'shortcut:tombstone',
    ]);
    expect(activity.states.get('room-1')).toMatchObject({
      revision: 3,
      deleted: true,
      lastMessage: { messageId: 'm3', preview: '' },
    });
  });

  it('applies what the shortcut cannot (a delete ahead) to the state the refused write returned', async () => {
    const activity = new InMemoryRoomActivity();
    const deps = { activity, pause: noPause };
    await recordMessageActivity(deps, message(1));

    const ahead = await recordMessageActivity(deps, deleted(3));
    const arrives = await recordMessageActivity(deps, message(3));

    expect(ahead).toEqual({ outcome: 'applied', writes: 2 });
    expect(arrives).toEqual({ outcome: 'applied', writes: 2 });
    expect(activity.writes.slice(1)).toEqual(['shortcut:tombstone', 'save', 'shortcut:message', 'save']);
    expect(activity.states.get('room-1')).toMatchObject({
      lastMessage: { messageId: 'm3', preview: '' },
      pendingDeletes: [],
      revision: 3,
    });
  });

  it('re-applies to the state a refused save returns when a concurrent writer won', async () => {
    const activity = new InMemoryRoomActivity();
    const pauses: number[] = [];
    await recordMessageActivity({ activity, pause: noPause }, deleted(5));
    activity.interfere = () => {
      // Another event of the room is stored between the shortcut and the optimistic save.
      if (activity.writes.at(-1) !== 'save') return;
      activity.interfere = undefined;
      const stored = activity.states.get('room-1');
      if (stored) activity.states.set('room-1', { ...stored, revision: stored.revision + 1 });
    };

    const outcome = await recordMessageActivity(
      { activity, pause: async (attempt) => void pauses.push(attempt) },
      message(3),
    );

    expect(outcome).toEqual({ outcome: 'applied', writes: 3 });
    expect(pauses).toEqual([2]);
    expect(activity.states.get('room-1')).toMatchObject({ revision: 3, lastMessage: { messageId: 'm3' } });
  });

  it('gives up (for a redelivery) when the room keeps changing', async () => {
    const activity = new InMemoryRoomActivity();
    await recordMessageActivity({ activity, pause: noPause }, deleted(5));
    const save = activity.save.bind(activity);
    activity.save = async (next) => save(next, -1);

    await expect(recordMessageActivity({ activity, pause: noPause }, message(1))).rejects.toThrow(
      /kept changing/,
    );
    expect(MAX_ACTIVITY_ATTEMPTS).toBeGreaterThan(1);
  });
});
