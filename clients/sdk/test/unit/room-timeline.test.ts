import { RoomTimeline, type Message } from '@chat/client';

function aMessage(overrides: Partial<Message> & { seq: number }): Message {
  return {
    roomId: 'r1',
    messageId: `m${String(overrides.seq).padStart(4, '0')}`,
    senderId: 'u1',
    text: `text ${overrides.seq}`,
    mentions: [],
    attachments: [],
    createdAt: '2025-01-15T10:00:00.000Z',
    version: overrides.seq,
    ...overrides,
  };
}

const ids = (messages: Message[]) => messages.map((m) => m.messageId);

describe('RoomTimeline', () => {
  it('applies live changes in version order and reports each new message once', () => {
    const timeline = new RoomTimeline();
    timeline.load([], 0, false);

    const first = timeline.applyLive({ version: 1, message: aMessage({ seq: 1 }) });
    const again = timeline.applyLive({ version: 1, message: aMessage({ seq: 1 }) });
    const second = timeline.applyLive({ version: 2, message: aMessage({ seq: 2 }) });

    expect(ids(first.added)).toEqual(['m0001']);
    expect(again).toEqual({ added: [], changed: [] });
    expect(ids(second.added)).toEqual(['m0002']);
    expect(timeline.version).toBe(2);
    expect(ids(timeline.messages)).toEqual(['m0001', 'm0002']);
  });

  it('holds a change after a gap until the changes feed fills it, then applies the held ones in order', () => {
    const timeline = new RoomTimeline();
    timeline.load([aMessage({ seq: 1 })], 1, false);

    const held = timeline.applyLive({ version: 3, message: aMessage({ seq: 3 }) });
    const needed = timeline.needsCatchUp;
    const filled = timeline.applyFeed([aMessage({ seq: 2 })], 2);

    expect(held).toEqual({ added: [], changed: [] });
    expect(needed).toBe(true);
    expect(ids(filled.added)).toEqual(['m0002', 'm0003']);
    expect(timeline.needsCatchUp).toBe(false);
    expect(timeline.version).toBe(3);
  });

  it('never lets an older version of a message overwrite a newer one', () => {
    const timeline = new RoomTimeline();
    timeline.load(
      [aMessage({ seq: 1, text: 'edited', version: 5, editedAt: '2025-01-15T10:05:00.000Z' })],
      5,
      false,
    );

    const stale = timeline.applyFeed([aMessage({ seq: 1, text: 'original', version: 1 })], 5);

    expect(stale.changed).toEqual([]);
    expect(timeline.messages[0]?.text).toBe('edited');
  });

  it('reports an edit as a change, not as a new message', () => {
    const timeline = new RoomTimeline();
    timeline.load([aMessage({ seq: 1 })], 1, false);

    const applied = timeline.applyLive({
      version: 2,
      message: aMessage({ seq: 1, text: 'edited', version: 2 }),
    });

    expect(applied.added).toEqual([]);
    expect(applied.changed.map((m) => m.text)).toEqual(['edited']);
  });

  it('holds a change without its message (a delete) for the feed, which brings the tombstone', () => {
    const timeline = new RoomTimeline();
    timeline.load([aMessage({ seq: 1 })], 1, false);

    timeline.applyLive({ version: 2 });
    const needed = timeline.needsCatchUp;
    const applied = timeline.applyFeed(
      [aMessage({ seq: 1, text: '', version: 2, deletedAt: '2025-01-15T10:06:00.000Z' })],
      2,
    );

    expect(needed).toBe(true);
    expect(applied.changed.map((m) => m.deletedAt)).toEqual(['2025-01-15T10:06:00.000Z']);
    expect(timeline.needsCatchUp).toBe(false);
  });

  it('reports messages new in a feed in seq order, whatever their version order', () => {
    const timeline = new RoomTimeline();
    timeline.load([], 0, false);

    const applied = timeline.applyFeed(
      [aMessage({ seq: 2, version: 2 }), aMessage({ seq: 1, version: 3 })],
      3,
    );

    expect(ids(applied.added)).toEqual(['m0001', 'm0002']);
  });

  it('drops held changes the feed already covered', () => {
    const timeline = new RoomTimeline();
    timeline.load([], 0, false);

    timeline.applyLive({ version: 2, message: aMessage({ seq: 2 }) });
    const applied = timeline.applyFeed([aMessage({ seq: 1 }), aMessage({ seq: 2 })], 2);

    expect(ids(applied.added)).toEqual(['m0001', 'm0002']);
    expect(timeline.needsCatchUp).toBe(false);
  });

  it('leaves out changes of history older than the loaded window, and adds it with loadOlder', () => {
    const timeline = new RoomTimeline();
    timeline.load([aMessage({ seq: 5 }), aMessage({ seq: 6 })], 6, true);

    const old = timeline.applyFeed([aMessage({ seq: 2, version: 7, text: 'edited' })], 7);
    const older = timeline.addOlder([aMessage({ seq: 4 }), aMessage({ seq: 3 })], true);

    expect(old).toEqual({ added: [], changed: [] });
    expect(ids(older)).toEqual(['m0004', 'm0003']);
    expect(ids(timeline.messages)).toEqual(['m0003', 'm0004', 'm0005', 'm0006']);
  });

  it('keeps replies out of the top-level messages', () => {
    const timeline = new RoomTimeline();
    timeline.load([aMessage({ seq: 1 })], 1, false);

    const applied = timeline.applyLive({
      version: 2,
      message: { ...aMessage({ seq: 2 }), threadId: 'm0001' } as Message,
    });

    expect(applied.added).toEqual([]);
    expect(timeline.version).toBe(2);
    expect(ids(timeline.messages)).toEqual(['m0001']);
  });
});
