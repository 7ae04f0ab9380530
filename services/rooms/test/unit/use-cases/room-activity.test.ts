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

describe('recordMessageActivity', () => {
  const noPause = async () => undefined;

  it('stores the new last message, and changes nothing on a replay', async () => {
    const activity = new InMemoryRoomActivity();

    const first = await recordMessageActivity({ activity, pause: noPause }, message(1));
    const again = await recordMessageActivity({ activity, pause: noPause }, message(1));

    expect(first).toEqual({ outcome: 'applied', attempts: 1 });
    expect(again).toEqual({ outcome: 'unchanged', attempts: 1 });
    expect(activity.states.get('room-1')?.revision).toBe(1);
  });

  it('reads again and re-applies when a concurrent writer won', async () => {
    const activity = new InMemoryRoomActivity();
    const pauses: number[] = [];
    await recordMessageActivity({ activity, pause: noPause }, message(1));
    activity.interfere = () => {
      // Another event of the room is stored between this read and this write.
      activity.interfere = undefined;
      const stored = activity.states.get('room-1');
      if (stored) activity.states.set('room-1', { ...stored, revision: stored.revision + 1 });
    };

    const outcome = await recordMessageActivity(
      { activity, pause: async (attempt) => void pauses.push(attempt) },
      message(3),
    );

    expect(outcome).toEqual({ outcome: 'applied', attempts: 2 });
    expect(pauses).toEqual([2]);
    expect(activity.states.get('room-1')).toMatchObject({ revision: 3, lastMessage: { messageId: 'm3' } });
  });

  it('gives up (for a redelivery) when the room keeps changing', async () => {
    const activity = new InMemoryRoomActivity();
    activity.save = async () => false;

    await expect(recordMessageActivity({ activity, pause: noPause }, message(1))).rejects.toThrow(
      /kept changing/,
    );
    expect(MAX_ACTIVITY_ATTEMPTS).toBeGreaterThan(1);
  });
});
