import { attachmentObjectKey } from '../../../src/domain/attachments';
import {
  ErasureIncompleteError,
  eraseUserContent,
  type EraseUserContentDependencies,
} from '../../../src/use-cases/erase-user-content';
import type { MessageKey, UserContentIndex } from '../../../src/use-cases/ports';
import { ALICE, BOB, aMessage, anAttachmentRecord } from '../../support/builders';
import { aWorld } from '../../support/fakes';

/** The indexes over the fake store: live messages by sender, reaction records by user, read markers. */
function fakeContent(world: ReturnType<typeof aWorld>) {
  const markers = new Map<string, string[]>([[ALICE, ['room-a', 'room-b']]]);
  const content: UserContentIndex = {
    async messagesOf(userId, limit, after) {
      const live = [...world.messages.messages.values()]
        .filter((m) => m.senderId === userId && m.deletedAt === undefined)
        .map((m) => `${m.roomId}|${m.messageId}`)
        .sort()
        .filter((k) => after === undefined || k > after);
      const items: MessageKey[] = live.slice(0, limit).map((k) => {
        const [roomId = '', messageId = ''] = k.split('|');
        return { roomId, messageId };
      });
      return live.length > limit ? { items, next: live[limit - 1] } : { items };
    },
    async reactionsOf(userId) {
      const items = [...world.messages.reactionRecords.entries()]
        .filter(([, users]) => users.has(userId))
        .map(([key]) => {
          const [roomId = '', messageId = '', reaction = ''] = key.split('|');
          return { roomId, messageId, reaction };
        });
      return { items };
    },
    async dropReaction(key, reaction, userId) {
      world.messages.reactionRecords.get(`${key.roomId}|${key.messageId}|${reaction}`)?.delete(userId);
    },
    async dropReadMarkers(userId) {
      const count = markers.get(userId)?.length ?? 0;
      markers.delete(userId);
      return count;
    },
  };
  return { content, markers };
}

function setUp() {
  const world = aWorld();
  const { content, markers } = fakeContent(world);
  const deps: EraseUserContentDependencies = { ...world, content };
  return { world, deps, markers };
}

const input = (deadline = Number.MAX_SAFE_INTEGER) => ({ userId: ALICE, correlationId: 'c1', deadline });

describe('eraseUserContent', () => {
  it('tombstones the user’s messages (sender kept), deleting their attachments’ objects and records first', async () => {
    const { world, deps } = setUp();
    const attachment = anAttachmentRecord();
    const withFile = aMessage({ text: 'photo', attachments: [attachment], version: 1, seq: 1 });
    const other = aMessage({ senderId: BOB, text: 'not mine', version: 2, seq: 2 });
    world.messages.put(withFile);
    world.messages.put(other);
    const objectKey = attachmentObjectKey(
      withFile.roomId,
      attachment.attachmentId,
      withFile.messageId,
      attachment.fileName,
    );
    world.objects.objects.set(objectKey, { size: 1, contentType: 'image/png' });
    await world.attachments.put(attachment);

    const report = await eraseUserContent(deps, input());

    const stored = await world.messages.get(withFile.roomId, withFile.messageId);
    expect(report.messages).toBe(1);
    expect(stored).toMatchObject({
      senderId: ALICE,
      text: '',
      attachments: [],
      deletedAt: expect.any(String),
    });
    expect(world.objects.objects.has(objectKey)).toBe(false);
    expect(world.attachments.records.size).toBe(0);
    expect((await world.messages.get(other.roomId, other.messageId))?.text).toBe('not mine');
  });

  it('removes the user’s reactions from live messages and drops the records of tombstones; drops read markers', async () => {
    const { world, deps, markers } = setUp();
    const live = aMessage({
      senderId: BOB,
      version: 1,
      seq: 1,
      reactions: [{ reaction: ':wave:', count: 1, userIds: [ALICE] }],
    });
    const gone = aMessage({
      senderId: BOB,
      version: 2,
      seq: 2,
      deletedAt: '2025-01-15T09:00:00.000Z',
      text: '',
    });
    world.messages.put(live);
    world.messages.put(gone);
    world.messages.reactionRecords.set(`${live.roomId}|${live.messageId}|:wave:`, new Set([ALICE]));
    world.messages.reactionRecords.set(`${gone.roomId}|${gone.messageId}|:fire:`, new Set([ALICE]));

    const report = await eraseUserContent(deps, input());

    expect(report).toEqual({ messages: 0, reactions: 2, readMarkers: 2 });
    expect((await world.messages.get(live.roomId, live.messageId))?.reactions).toEqual([]);
    expect([...world.messages.reactionRecords.values()].every((users) => !users.has(ALICE))).toBe(true);
    expect(markers.has(ALICE)).toBe(false);
  });

  it('stops at its deadline with work left, and a later run finishes it', async () => {
    const { world, deps } = setUp();
    for (let i = 1; i <= 30; i += 1) world.messages.put(aMessage({ version: i, seq: i }));
    const messagesOf = deps.content.messagesOf.bind(deps.content);
    deps.content.messagesOf = async (...args) => {
      const page = await messagesOf(...args);
      world.clock.advance(60_000); // the first page used the whole budget
      return page;
    };

    await expect(eraseUserContent(deps, input(world.clock.now().getTime() + 1000))).rejects.toThrow(
      ErasureIncompleteError,
    );
    const left = [...world.messages.messages.values()].filter((m) => m.deletedAt === undefined).length;
    const again = await eraseUserContent(deps, input());

    expect(left).toBe(5);
    expect(again.messages).toBe(5);
  });

  it('leaves the messages and attachments alone when deleting the objects fails (a re-run does it)', async () => {
    const { world, deps } = setUp();
    const attachment = anAttachmentRecord();
    world.messages.put(aMessage({ attachments: [attachment], version: 1, seq: 1 }));
    world.objects.removeFails = true;

    await expect(eraseUserContent(deps, input())).rejects.toThrow('S3 is down');

    expect([...world.messages.messages.values()][0]?.deletedAt).toBeUndefined();
  });
});
