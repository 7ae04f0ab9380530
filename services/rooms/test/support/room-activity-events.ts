import {
  applyMessageActivity,
  type MessageActivity,
  type MessageSnapshot,
  type RoomActivity,
} from '../../src/domain/room-activity';

export const at = (second: number) => `2025-01-15T10:00:${String(second).padStart(2, '0')}.000Z`;

export function aSnapshot(
  n: number,
  overrides: Partial<MessageSnapshot> = {},
  roomId = 'room-1',
): MessageSnapshot {
  return {
    roomId,
    messageId: `01JHF3M2B4C6D8E0F2G4H6J8${String(n).padStart(2, '0')}`,
    senderId: 'alice',
    text: `message ${n}`,
    createdAt: at(n),
    seq: n,
    ...overrides,
  };
}

export const sent = (message: MessageSnapshot): MessageActivity => ({ kind: 'sent', message });
export const edited = (message: MessageSnapshot, second: number): MessageActivity => ({
  kind: 'edited',
  message: { ...message, text: `${message.text} (edited)`, editedAt: at(second) },
});
export const deleted = (message: MessageSnapshot): MessageActivity => ({
  kind: 'deleted',
  roomId: message.roomId,
  messageId: message.messageId,
});

/**
 * The events of one room that exercise every branch of the rule: messages with and without seq (one whose seq
 * contradicts its id and time, two without seq at the same time), a copy without seq, edits in and out of order,
 * an edit carrying the delete, and deletes.
 */
export function activityUniverse(roomId = 'room-1'): MessageActivity[] {
  const [one, two, three] = [1, 2, 3].map((n) => aSnapshot(n, {}, roomId)) as [
    MessageSnapshot,
    MessageSnapshot,
    MessageSnapshot,
  ];
  const unordered = [
    aSnapshot(4, { seq: null }, roomId),
    aSnapshot(5, { seq: null, createdAt: at(4) }, roomId),
  ];
  return [
    ...[one, two, three, ...unordered].map(sent),
    sent({ ...two, seq: null }),
    sent(aSnapshot(1, { messageId: '01AAAAAAAAAAAAAAAAAAAAAAAA', seq: 5 }, roomId)),
    edited(two, 30),
    edited(two, 40),
    edited(three, 35),
    { kind: 'edited', message: { ...two, editedAt: at(30), deletedAt: at(45) } },
    ...[one, two, three, ...unordered].map(deleted),
  ];
}

/** Every distinct state `depth` events or fewer reach from none (none included, as undefined). */
export function reachableStates(
  events: readonly MessageActivity[],
  depth: number,
): (RoomActivity | undefined)[] {
  const states = new Map<string, RoomActivity | undefined>([['none', undefined]]);
  let frontier: (RoomActivity | undefined)[] = [undefined];
  for (let step = 0; step < depth; step += 1) {
    frontier = frontier.flatMap((state) =>
      events.flatMap((event) => {
        const next = applyMessageActivity(state, event);
        if (next === undefined || states.has(JSON.stringify(next))) return [];
        states.set(JSON.stringify(next), next);
        return [next];
      }),
    );
  }
  return [...states.values()];
}
