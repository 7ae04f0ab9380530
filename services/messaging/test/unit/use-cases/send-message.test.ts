import { ValidationError } from '@chat/runtime';
import { attachmentObjectKey, uploadObjectKey } from '../../../src/domain/attachments';
import { InvalidAttachmentsError, RoomNotFoundError } from '../../../src/domain/errors';
import { sendMessage } from '../../../src/use-cases/send-message';
import { ALICE, anAttachmentRecord, aSend, BOB, CAROL, OTHER_ROOM, ROOM } from '../../support/builders';
import { aWorld, type FakeWorld } from '../../support/fakes';

function roomWithAliceAndBob(): FakeWorld {
  const world = aWorld();
  world.memberships
    .add(ROOM, { userId: ALICE, username: 'alice', role: 'owner' })
    .add(ROOM, { userId: BOB, username: 'bob', role: 'member' });
  return world;
}

function uploaded(world: FakeWorld, overrides: Parameters<typeof anAttachmentRecord>[0] = {}) {
  const record = anAttachmentRecord(overrides);
  void world.attachments.put(record);
  world.objects.objects.set(uploadObjectKey(record.roomId, record.attachmentId, record.fileName), {
    size: record.size,
    contentType: record.contentType,
  });
  return record;
}

describe('sendMessage', () => {
  it('stores a member’s message with a new id, the time and the request’s correlation id', async () => {
    const world = roomWithAliceAndBob();

    const { message, created } = await sendMessage(world, aSend({ clientMessageId: 'c-1' }));

    expect(created).toBe(true);
    expect(message).toEqual({
      roomId: ROOM,
      messageId: expect.stringMatching(/^01JHF3P/),
      senderId: ALICE,
      text: 'hello',
      mentions: [],
      attachments: [],
      createdAt: '2025-01-15T10:00:00.000Z',
      clientMessageId: 'c-1',
      seq: 1,
      version: 1,
      reactions: [],
    });
    expect(world.messages.messages.get(`${ROOM}|${message.messageId}`)).toMatchObject({
      correlationId: 'req-1',
    });
  });

  it('gives later messages larger ids', async () => {
    const world = roomWithAliceAndBob();

    const first = await sendMessage(world, aSend());
    const second = await sendMessage(world, aSend());

    expect(second.message.messageId > first.message.messageId).toBe(true);
  });

  it('refuses a non-member as if the room did not exist', async () => {
    const world = roomWithAliceAndBob();

    await expect(sendMessage(world, aSend({ senderId: CAROL }))).rejects.toBeInstanceOf(RoomNotFoundError);
    expect(world.messages.messages.size).toBe(0);
  });

  it('resolves @mentions of members to their userIds, keeping a self-mention and ignoring strangers', async () => {
    const world = roomWithAliceAndBob();

    const { message } = await sendMessage(world, aSend({ text: '@Bob look, @alice here, @nobody' }));

    expect(message.mentions).toEqual([BOB, ALICE]);
  });

  it('does not look anything up for a text without mentions', async () => {
    const world = roomWithAliceAndBob();

    await sendMessage(world, aSend({ text: 'no one in particular, mail me at a@b.example' }));

    expect(world.memberships.lookups).toEqual([]);
  });

  describe('with a clientMessageId', () => {
    it('returns the stored message for a repeated send and stores nothing more', async () => {
      const world = roomWithAliceAndBob();
      const first = await sendMessage(world, aSend({ clientMessageId: 'c-1', text: 'once' }));
      world.clock.advance(5000);

      const again = await sendMessage(world, aSend({ clientMessageId: 'c-1', text: 'once' }));

      expect(again).toEqual({ message: first.message, created: false });
      expect(world.messages.messages.size).toBe(1);
    });

    it('keeps the key per sender and per room', async () => {
      const world = roomWithAliceAndBob();
      world.memberships.add(OTHER_ROOM, { userId: ALICE, username: 'alice', role: 'member' });

      await sendMessage(world, aSend({ clientMessageId: 'c-1' }));
      const byBob = await sendMessage(world, aSend({ clientMessageId: 'c-1', senderId: BOB }));
      const elsewhere = await sendMessage(world, aSend({ clientMessageId: 'c-1', roomId: OTHER_ROOM }));

      expect(byBob.created).toBe(true);
      expect(elsewhere.created).toBe(true);
      expect(world.messages.messages.size).toBe(3);
    });

    it('returns the message a concurrent copy stored when it loses the race', async () => {
      const world = roomWithAliceAndBob();
      const winner = await sendMessage(world, aSend({ clientMessageId: 'c-9' }));
      // The loser's first lookup found nothing; its conditional write then meets the winner's key.
      world.messages.clientKeys.clear();
      world.messages.nextCreateOutcome = { outcome: 'duplicate', existing: winner.message };

      const loser = await sendMessage(world, aSend({ clientMessageId: 'c-9' }));

      expect(loser).toEqual({ message: winner.message, created: false });
    });
  });

  describe('text rules', () => {
    it('refuses empty text without attachments, naming the field', async () => {
      const world = roomWithAliceAndBob();

      const error = await sendMessage(world, aSend({ text: '' })).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).details).toEqual([{ field: 'text', message: expect.any(String) }]);
    });

    it('refuses more than 4,000 characters', async () => {
      const world = roomWithAliceAndBob();

      await expect(sendMessage(world, aSend({ text: 'x'.repeat(4001) }))).rejects.toBeInstanceOf(
        ValidationError,
      );
    });

    it('accepts empty text with an attachment', async () => {
      const world = roomWithAliceAndBob();
      const record = uploaded(world);

      const { message } = await sendMessage(world, aSend({ text: '', attachmentIds: [record.attachmentId] }));

      expect(message.attachments).toEqual([
        { attachmentId: record.attachmentId, fileName: 'diagram.png', contentType: 'image/png', size: 48213 },
      ]);
      expect(world.attachments.records.get(record.attachmentId)?.messageId).toBe(message.messageId);
    });

    it('keeps a copy of the upload under the message’s own key, which no upload URL writes', async () => {
      const world = roomWithAliceAndBob();
      const record = uploaded(world);

      const { message } = await sendMessage(world, aSend({ attachmentIds: [record.attachmentId] }));
      world.objects.objects.set(uploadObjectKey(ROOM, record.attachmentId, record.fileName), {
        size: 1,
        contentType: 'text/plain',
      });

      const kept = attachmentObjectKey(ROOM, record.attachmentId, message.messageId, record.fileName);
      expect(kept.startsWith('uploads/')).toBe(false);
      expect(world.objects.objects.get(kept)).toEqual({ size: record.size, contentType: record.contentType });
    });
  });

  describe('attachments', () => {
    async function refusal(world: FakeWorld, attachmentIds: string[]) {
      const error = await sendMessage(world, aSend({ attachmentIds })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidAttachmentsError);
      return (error as InvalidAttachmentsError).details;
    }

    it('refuses an attachment of another room', async () => {
      const world = roomWithAliceAndBob();
      const foreign = uploaded(world, { roomId: OTHER_ROOM });

      expect(await refusal(world, [foreign.attachmentId])).toEqual([
        { field: 'attachmentIds.0', message: 'is not an attachment uploaded by you to this room' },
      ]);
    });

    it('refuses an unknown id and another member’s upload alike', async () => {
      const world = roomWithAliceAndBob();
      const bobs = uploaded(world, { attachmentId: '01JHF3N0A2B4C6D8E0F2G4H6J9', uploaderId: BOB });

      expect(await refusal(world, ['01JHF3N0A2B4C6D8E0F2G4H6JA', bobs.attachmentId])).toEqual([
        { field: 'attachmentIds.0', message: 'is not an attachment uploaded by you to this room' },
        { field: 'attachmentIds.1', message: 'is not an attachment uploaded by you to this room' },
      ]);
    });

    it('refuses an attachment that was announced but never uploaded', async () => {
      const world = roomWithAliceAndBob();
      const record = anAttachmentRecord();
      await world.attachments.put(record);

      expect(await refusal(world, [record.attachmentId])).toEqual([
        { field: 'attachmentIds.0', message: 'has not been uploaded' },
      ]);
    });

    it('refuses an upload whose size or type differs from what was announced', async () => {
      const world = roomWithAliceAndBob();
      const record = uploaded(world);
      world.objects.objects.set(uploadObjectKey(ROOM, record.attachmentId, record.fileName), {
        size: record.size + 1,
        contentType: 'image/png',
      });

      expect(await refusal(world, [record.attachmentId])).toEqual([
        { field: 'attachmentIds.0', message: 'does not match the announced size and content type' },
      ]);
    });

    it('refuses an attachment another message already uses', async () => {
      const world = roomWithAliceAndBob();
      const record = uploaded(world);
      await sendMessage(world, aSend({ attachmentIds: [record.attachmentId] }));

      expect(await refusal(world, [record.attachmentId])).toEqual([
        { field: 'attachmentIds.0', message: 'is already attached to another message' },
      ]);
    });

    it('refuses the same attachment twice in one message and more than ten', async () => {
      const world = roomWithAliceAndBob();

      await expect(sendMessage(world, aSend({ attachmentIds: ['a', 'a'] }))).rejects.toBeInstanceOf(
        ValidationError,
      );
      await expect(
        sendMessage(world, aSend({ attachmentIds: Array.from({ length: 11 }, (_, i) => `a${i}`) })),
      ).rejects.toBeInstanceOf(ValidationError);
    });

    it('reports an attachment claimed by a concurrent message at write time', async () => {
      const world = roomWithAliceAndBob();
      const record = uploaded(world);
      world.messages.nextCreateOutcome = {
        outcome: 'attachment-unavailable',
        attachmentId: record.attachmentId,
      };

      expect(await refusal(world, [record.attachmentId])).toEqual([
        { field: 'attachmentIds.0', message: 'is already attached to another message' },
      ]);
    });
  });
});
