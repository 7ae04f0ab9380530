import { ValidationError } from '@chat/runtime';
import { AttachmentNotFoundError, RoomNotFoundError } from '../../../src/domain/errors';
import { getAttachment, requestUpload, type RequestUploadInput } from '../../../src/use-cases/attachments';
import { ALICE, anAttachmentRecord, BOB, CAROL, OTHER_ROOM, ROOM } from '../../support/builders';
import { aWorld, type FakeWorld } from '../../support/fakes';

function anUpload(overrides: Partial<RequestUploadInput> = {}): RequestUploadInput {
  return {
    roomId: ROOM,
    userId: ALICE,
    fileName: 'My Photo.PNG',
    contentType: 'image/png',
    size: 1024,
    ...overrides,
  };
}

function room(): FakeWorld {
  const world = aWorld();
  world.memberships
    .add(ROOM, { userId: ALICE, username: 'alice', role: 'member' })
    .add(ROOM, { userId: BOB, username: 'bob', role: 'member' });
  return world;
}

describe('requestUpload', () => {
  it('records the attachment and returns a presigned PUT for an upload key namespaced by room, valid 10 minutes', async () => {
    const world = room();

    const ticket = await requestUpload(world, anUpload());

    expect(ticket).toEqual({
      attachmentId: expect.any(String),
      uploadUrl: `https://bucket.example/uploads/rooms/${ROOM}/${ticket.attachmentId}/My_Photo.PNG?expires=600`,
      uploadHeaders: { 'Content-Type': 'image/png', 'Content-Length': '1024' },
      expiresAt: '2025-01-15T10:10:00.000Z',
    });
    expect(world.attachments.records.get(ticket.attachmentId)).toEqual({
      attachmentId: ticket.attachmentId,
      roomId: ROOM,
      uploaderId: ALICE,
      fileName: 'My Photo.PNG',
      contentType: 'image/png',
      size: 1024,
      createdAt: '2025-01-15T10:00:00.000Z',
    });
  });

  it.each([
    [{ contentType: 'text/html' }, 'contentType'],
    [{ contentType: 'application/zip' }, 'contentType'],
    [{ size: 25 * 1024 * 1024 + 1 }, 'size'],
    [{ size: 0 }, 'size'],
    [{ fileName: '   ' }, 'fileName'],
  ])('refuses %j naming %s', async (overrides, field) => {
    const world = room();

    const error = await requestUpload(world, anUpload(overrides)).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).details.map((d) => d.field)).toEqual([field]);
    expect(world.attachments.records.size).toBe(0);
  });

  it('accepts exactly 25 MiB', async () => {
    const world = room();

    await expect(requestUpload(world, anUpload({ size: 25 * 1024 * 1024 }))).resolves.toBeDefined();
  });

  it('refuses a non-member as if the room did not exist', async () => {
    await expect(requestUpload(room(), anUpload({ userId: CAROL }))).rejects.toBeInstanceOf(
      RoomNotFoundError,
    );
  });
});

describe('getAttachment', () => {
  it('gives members a presigned GET of the copy a message keeps of its attachment, valid 5 minutes', async () => {
    const world = room();
    const record = anAttachmentRecord({ messageId: 'm-1' });
    await world.attachments.put(record);

    const ticket = await getAttachment(world, {
      roomId: ROOM,
      attachmentId: record.attachmentId,
      userId: BOB,
    });

    expect(ticket).toEqual({
      downloadUrl: expect.stringMatching(
        new RegExp(`^https://bucket\\.example/rooms/${ROOM}/${record.attachmentId}/m-1/diagram\\.png\\?`),
      ),
      fileName: 'diagram.png',
      contentType: 'image/png',
      size: 48213,
      expiresAt: '2025-01-15T10:05:00.000Z',
    });
  });

  it('shows an attachment not yet sent only to its uploader', async () => {
    const world = room();
    const record = anAttachmentRecord({ uploaderId: ALICE });
    await world.attachments.put(record);

    await expect(
      getAttachment(world, { roomId: ROOM, attachmentId: record.attachmentId, userId: ALICE }),
    ).resolves.toMatchObject({
      downloadUrl: expect.stringContaining(`/uploads/rooms/${ROOM}/${record.attachmentId}/diagram.png?`),
    });
    await expect(
      getAttachment(world, { roomId: ROOM, attachmentId: record.attachmentId, userId: BOB }),
    ).rejects.toBeInstanceOf(AttachmentNotFoundError);
  });

  it('answers 404 for another room’s attachment and for an unknown id', async () => {
    const world = room();
    const foreign = anAttachmentRecord({ roomId: OTHER_ROOM, messageId: 'm-1' });
    await world.attachments.put(foreign);

    await expect(
      getAttachment(world, { roomId: ROOM, attachmentId: foreign.attachmentId, userId: ALICE }),
    ).rejects.toBeInstanceOf(AttachmentNotFoundError);
    await expect(
      getAttachment(world, { roomId: ROOM, attachmentId: 'nope', userId: ALICE }),
    ).rejects.toBeInstanceOf(AttachmentNotFoundError);
  });

  it('refuses a non-member as if the room did not exist', async () => {
    const world = room();
    const record = anAttachmentRecord({ messageId: 'm-1' });
    await world.attachments.put(record);

    await expect(
      getAttachment(world, { roomId: ROOM, attachmentId: record.attachmentId, userId: CAROL }),
    ).rejects.toBeInstanceOf(RoomNotFoundError);
  });
});
