import {
  applyMessageActivity,
  appliedShortcut,
  messageActivityOf,
  PREVIEW_LENGTH,
  previewOf,
  shortcutApplies,
  shortcutOf,
  type MessageActivity,
  type RoomActivity,
} from '../../../src/domain/room-activity';
import {
  activityUniverse,
  aSnapshot,
  at,
  deleted,
  edited,
  reachableStates,
  sent,
} from '../../support/room-activity-events';

const ROOM = 'room-1';

/** Applies the activities in order, keeping the state when one changes nothing. */
function replay(activities: MessageActivity[]): RoomActivity | undefined {
  return activities.reduce<RoomActivity | undefined>(
    (state, activity) => applyMessageActivity(state, activity) ?? state,
    undefined,
  );
}

describe('the room list’s last message', () => {
  const one = aSnapshot(1);
  const two = aSnapshot(2);

  it('is the newest message, whatever order the events arrive in', () => {
    const inOrder = replay([sent(one), sent(two)]);
    const reversed = replay([sent(two), sent(one)]);

    expect(inOrder?.lastMessage).toEqual({
      messageId: two.messageId,
      seq: 2,
      senderId: 'alice',
      preview: 'message 2',
      createdAt: two.createdAt,
    });
    expect(reversed).toEqual(inOrder);
    expect(inOrder?.lastActivityAt).toBe(two.createdAt);
  });

  it('orders by seq over ids and times when messages carry one', () => {
    // Stored later (seq 5) by a sandbox whose id and clock lag behind.
    const late = aSnapshot(1, { messageId: '01AAAAAAAAAAAAAAAAAAAAAAAA', seq: 5 });

    expect(replay([sent(late), sent(aSnapshot(3))])?.lastMessage?.seq).toBe(5);
  });

  it('falls back on createdAt then messageId when a message has no seq', () => {
    const a = aSnapshot(4, { seq: null });
    const b = aSnapshot(5, { seq: null, createdAt: a.createdAt });

    expect(replay([sent(b), sent(a)])?.lastMessage?.messageId).toBe(b.messageId);
  });

  it('changes nothing on a replay or on an older message', () => {
    const state = replay([sent(two)]);

    expect(applyMessageActivity(state, sent(two))).toBeUndefined();
    expect(applyMessageActivity(state, sent(one))).toBeUndefined();
    expect(applyMessageActivity(state, edited(one, 30))).toBeUndefined();
  });

  it('shows the latest edit of the last message, even when edits arrive out of order', () => {
    const stale: MessageActivity = { kind: 'edited', message: { ...two, text: 'stale', editedAt: at(30) } };
    const state = replay([sent(two), edited(two, 40), stale]);

    expect(state?.lastMessage?.preview).toBe('message 2 (edited)');
  });

  it('takes an edit that arrives before its message as that message', () => {
    const state = replay([sent(one), edited(two, 30), sent(two)]);

    expect(state?.lastMessage).toMatchObject({ messageId: two.messageId, preview: 'message 2 (edited)' });
  });

  it('empties the preview of a deleted last message for good', () => {
    const state = replay([sent(two), deleted(two), edited(two, 50)]);

    expect(state?.lastMessage).toMatchObject({ messageId: two.messageId, preview: '' });
    expect(applyMessageActivity(state, deleted(two))).toBeUndefined();
  });

  it('remembers a delete that arrives before its message, so the message shows as a tombstone', () => {
    const beforeAny = replay([deleted(two), sent(two)]);
    const beforeIt = replay([sent(one), deleted(two), sent(two)]);

    expect(beforeAny?.lastMessage).toMatchObject({ messageId: two.messageId, preview: '' });
    expect(beforeIt?.lastMessage).toMatchObject({ messageId: two.messageId, preview: '' });
    expect(beforeIt?.pendingDeletes).toEqual([]);
  });

  it('ignores the delete of an older message', () => {
    const state = replay([sent(two)]);

    expect(applyMessageActivity(state, deleted(one))).toBeUndefined();
  });

  it('learns the seq of the last message from a later copy of its event', () => {
    const state = replay([sent({ ...two, seq: null }), sent(two)]);

    expect(state?.lastMessage?.seq).toBe(2);
  });
});

describe('the shortcut (one guarded write, no read)', () => {
  const events = activityUniverse(ROOM);
  const states = reachableStates(events, 3);

  it('writes exactly what the rule gives, over every state it applies to', () => {
    let applied = 0;
    for (const state of states) {
      for (const event of events) {
        const shortcut = shortcutOf(event);
        if (!shortcutApplies(state, shortcut)) continue;
        applied += 1;
        expect(appliedShortcut(state, shortcut)).toEqual(applyMessageActivity(state, event));
      }
    }
    expect(applied).toBeGreaterThan(states.length);
  });

  it('leaves to the read-apply-save path only pending deletes, deletes ahead and a seq filled in', () => {
    for (const state of states) {
      for (const event of events) {
        if (shortcutApplies(state, shortcutOf(event)) || !applyMessageActivity(state, event)) continue;
        const last = state?.lastMessage ?? null;
        const reason =
          event.kind === 'deleted'
            ? last === null || event.messageId > last.messageId
              ? 'delete ahead'
              : 'unexpected'
            : state !== undefined && (state.pendingDeletes.length > 0 || last === null)
              ? 'deletes pending'
              : last?.messageId === event.message.messageId && last.seq === null && event.message.seq !== null
                ? 'seq filled in'
                : 'unexpected';
        expect({ state, event, reason }).not.toMatchObject({ reason: 'unexpected' });
      }
    }
  });

  it('applies to the common events: a newer message, a later edit, the delete of the last message', () => {
    const [one, two] = [aSnapshot(1), aSnapshot(2)];
    const state = replay([sent(one)]);

    expect(shortcutApplies(undefined, shortcutOf(sent(one)))).toBe(true);
    expect(shortcutApplies(state, shortcutOf(sent(two)))).toBe(true);
    expect(shortcutApplies(state, shortcutOf(edited(one, 30)))).toBe(true);
    expect(shortcutApplies(state, shortcutOf(deleted(one)))).toBe(true);
    // An older message or a replay is refused, and the rule then says "unchanged".
    expect(shortcutApplies(replay([sent(two)]), shortcutOf(sent(one)))).toBe(false);
    expect(shortcutApplies(state, shortcutOf(sent(one)))).toBe(false);
  });
});

describe('a preview', () => {
  it('is the first 140 characters, never cutting an emoji in half', () => {
    const text = `${'a'.repeat(PREVIEW_LENGTH - 1)}😀😀`;

    expect(previewOf(text)).toBe(`${'a'.repeat(PREVIEW_LENGTH - 1)}😀`);
    expect(previewOf('short')).toBe('short');
  });
});

describe('a message event', () => {
  it('reads seq when the event carries it, and null when it does not', () => {
    const data = { roomId: ROOM, messageId: 'm1', senderId: 'alice', text: 'hi', createdAt: at(1) };

    expect(messageActivityOf('MessageSent', { ...data, seq: 9 } as typeof data)).toMatchObject({
      kind: 'sent',
      message: { seq: 9 },
    });
    expect(messageActivityOf('MessageEdited', { ...data, editedAt: at(2) })).toMatchObject({
      kind: 'edited',
      message: { seq: null, editedAt: at(2) },
    });
    expect(messageActivityOf('MessageDeleted', { roomId: ROOM, messageId: 'm1' })).toEqual({
      kind: 'deleted',
      roomId: ROOM,
      messageId: 'm1',
    });
  });
});
