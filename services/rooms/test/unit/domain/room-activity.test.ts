import {
  applyMessageActivity,
  messageActivityOf,
  PREVIEW_LENGTH,
  previewOf,
  type MessageActivity,
  type MessageSnapshot,
  type RoomActivity,
} from '../../../src/domain/room-activity';

const ROOM = 'room-1';
const at = (second: number) => `2025-01-15T10:00:${String(second).padStart(2, '0')}.000Z`;

function aSnapshot(n: number, overrides: Partial<MessageSnapshot> = {}): MessageSnapshot {
  return {
    roomId: ROOM,
    messageId: `01JHF3M2B4C6D8E0F2G4H6J8${String(n).padStart(2, '0')}`,
    senderId: 'alice',
    text: `message ${n}`,
    createdAt: at(n),
    seq: n,
    ...overrides,
  };
}

const sent = (message: MessageSnapshot): MessageActivity => ({ kind: 'sent', message });
const edited = (message: MessageSnapshot, second: number): MessageActivity => ({
  kind: 'edited',
  message: { ...message, text: `${message.text} (edited)`, editedAt: at(second) },
});
const deleted = (message: MessageSnapshot): MessageActivity => ({
  kind: 'deleted',
  roomId: ROOM,
  messageId: message.messageId,
});

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
