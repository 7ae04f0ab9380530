import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@chat/runtime';
import { attachmentObjectKey } from '../../../src/domain/attachments';
import { deleteMessage } from '../../../src/use-cases/delete-message';
import { editMessage } from '../../../src/use-cases/edit-message';
import { RoomNotFoundError } from '../../../src/domain/errors';
import { aMessage, ALICE, anAttachmentRecord, BOB, CAROL, ROOM } from '../../support/builders';
import { aWorld, type FakeWorld } from '../../support/fakes';

const attachment = {
  attachmentId: '01JHF3N0A2B4C6D8E0F2G4H6J8',
  fileName: 'diagram.png',
  contentType: 'image/png',
  size: 5,
};

function roomWith(...roles: [string, string, 'owner' | 'admin' | 'member'][]): FakeWorld {
  const world = aWorld();
  for (const [userId, username, role] of roles) world.memberships.add(ROOM, { userId, username, role });
  return world;
}

describe('editMessage', () => {
  it('lets the sender change the text, re-resolving mentions and setting editedAt', async () => {
    const world = roomWith([ALICE, 'alice', 'member'], [BOB, 'bob', 'member']);
    const original = aMessage({ senderId: ALICE, text: 'hi', seq: 4, version: 4 });
    world.messages.put(original);
    world.clock.advance(60_000);

    const edited = await editMessage(world, {
      roomId: ROOM,
      messageId: original.messageId,
      userId: ALICE,
      text: 'hi @bob',
      correlationId: 'req-2',
    });

    expect(edited).toEqual({
      ...original,
      text: 'hi @bob',
      mentions: [BOB],
      editedAt: '2025-01-15T10:01:00.000Z',
      version: 5,
    });
  });

  it('refuses another member with 403, even an owner', async () => {
    const world = roomWith([ALICE, 'alice', 'member'], [BOB, 'bob', 'owner']);
    const original = aMessage({ senderId: ALICE });
    world.messages.put(original);

    await expect(
      editMessage(world, {
        roomId: ROOM,
        messageId: original.messageId,
        userId: BOB,
        text: 'x',
        correlationId: 'r',
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('answers 404 for a missing message and for a non-member', async () => {
    const world = roomWith([ALICE, 'alice', 'member']);
    const original = aMessage();
    world.messages.put(original);

    await expect(
      editMessage(world, {
        roomId: ROOM,
        messageId: 'missing',
        userId: ALICE,
        text: 'x',
        correlationId: 'r',
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      editMessage(world, {
        roomId: ROOM,
        messageId: original.messageId,
        userId: CAROL,
        text: 'x',
        correlationId: 'r',
      }),
    ).rejects.toBeInstanceOf(RoomNotFoundError);
  });

  it('answers 409 for a deleted message', async () => {
    const world = roomWith([ALICE, 'alice', 'member']);
    const original = aMessage({ text: '', deletedAt: '2025-01-15T10:00:30.000Z' });
    world.messages.put(original);

    await expect(
      editMessage(world, {
        roomId: ROOM,
        messageId: original.messageId,
        userId: ALICE,
        text: 'x',
        correlationId: 'r',
      }),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it('allows empty text only when the message has attachments', async () => {
    const world = roomWith([ALICE, 'alice', 'member']);
    const plain = aMessage();
    const withFile = aMessage({ attachments: [attachment] });
    world.messages.put(plain);
    world.messages.put(withFile);

    await expect(
      editMessage(world, {
        roomId: ROOM,
        messageId: plain.messageId,
        userId: ALICE,
        text: '',
        correlationId: 'r',
      }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      editMessage(world, {
        roomId: ROOM,
        messageId: withFile.messageId,
        userId: ALICE,
        text: '',
        correlationId: 'r',
      }),
    ).resolves.toMatchObject({ text: '' });
  });

  it('answers 409 when the message is deleted between the check and the write', async () => {
    const world = roomWith([ALICE, 'alice', 'member']);
    const original = aMessage();
    world.messages.put(original);
    world.messages.edit = async () => undefined;

    await expect(
      editMessage(world, {
        roomId: ROOM,
        messageId: original.messageId,
        userId: ALICE,
        text: 'x',
        correlationId: 'r',
      }),
    ).rejects.toBeInstanceOf(ConflictError);
  });
});

describe('deleteMessage', () => {
  it('lets the sender delete: a tombstone without text, mentions or attachments stays', async () => {
    const world = roomWith([ALICE, 'alice', 'member']);
    const original = aMessage({ text: 'oops @alice', mentions: [ALICE] });
    world.messages.put(original);

    await deleteMessage(world, {
      roomId: ROOM,
      messageId: original.messageId,
      userId: ALICE,
      correlationId: 'r',
    });

    expect(await world.messages.get(ROOM, original.messageId)).toMatchObject({
      text: '',
      mentions: [],
      attachments: [],
      deletedAt: '2025-01-15T10:00:00.000Z',
    });
  });

  it.each(['owner', 'admin'] as const)('lets a room %s delete another member’s message', async (role) => {
    const world = roomWith([ALICE, 'alice', 'member'], [BOB, 'bob', role]);
    const original = aMessage({ senderId: ALICE });
    world.messages.put(original);

    await deleteMessage(world, {
      roomId: ROOM,
      messageId: original.messageId,
      userId: BOB,
      correlationId: 'r',
    });

    expect((await world.messages.get(ROOM, original.messageId))?.deletedAt).toBeDefined();
  });

  it('refuses a plain member deleting another’s message with 403', async () => {
    const world = roomWith([ALICE, 'alice', 'member'], [BOB, 'bob', 'member']);
    const original = aMessage({ senderId: ALICE });
    world.messages.put(original);

    await expect(
      deleteMessage(world, { roomId: ROOM, messageId: original.messageId, userId: BOB, correlationId: 'r' }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('refuses a non-member and a missing message with 404', async () => {
    const world = roomWith([ALICE, 'alice', 'member']);
    const original = aMessage();
    world.messages.put(original);

    await expect(
      deleteMessage(world, {
        roomId: ROOM,
        messageId: original.messageId,
        userId: CAROL,
        correlationId: 'r',
      }),
    ).rejects.toBeInstanceOf(RoomNotFoundError);
    await expect(
      deleteMessage(world, { roomId: ROOM, messageId: 'missing', userId: ALICE, correlationId: 'r' }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('changes nothing when the message is already deleted', async () => {
    const world = roomWith([ALICE, 'alice', 'member']);
    const tombstone = aMessage({ text: '', deletedAt: '2025-01-15T09:00:00.000Z' });
    world.messages.put(tombstone);

    await deleteMessage(world, {
      roomId: ROOM,
      messageId: tombstone.messageId,
      userId: ALICE,
      correlationId: 'r',
    });

    expect((await world.messages.get(ROOM, tombstone.messageId))?.deletedAt).toBe('2025-01-15T09:00:00.000Z');
  });

  it('removes the attachments’ objects and records', async () => {
    const world = roomWith([ALICE, 'alice', 'member']);
    const record = anAttachmentRecord({ messageId: 'm' });
    await world.attachments.put(record);
    const original = aMessage({ attachments: [attachment] });
    const key = attachmentObjectKey(ROOM, record.attachmentId, original.messageId, record.fileName);
    world.objects.objects.set(key, { size: record.size, contentType: record.contentType });
    world.messages.put(original);

    await deleteMessage(world, {
      roomId: ROOM,
      messageId: original.messageId,
      userId: ALICE,
      correlationId: 'r',
    });

    expect(world.objects.objects.has(key)).toBe(false);
    expect(world.attachments.records.has(record.attachmentId)).toBe(false);
  });

  it('still deletes the message when removing its attachments fails, and logs it', async () => {
    const world = roomWith([ALICE, 'alice', 'member']);
    world.objects.removeFails = true;
    const original = aMessage({ attachments: [attachment] });
    world.messages.put(original);

    await deleteMessage(world, {
      roomId: ROOM,
      messageId: original.messageId,
      userId: ALICE,
      correlationId: 'r',
    });

    expect((await world.messages.get(ROOM, original.messageId))?.deletedAt).toBeDefined();
    expect(world.logger.lines).toEqual([
      expect.objectContaining({ level: 'warn', message: 'attachments of a deleted message not removed' }),
    ]);
  });
});
