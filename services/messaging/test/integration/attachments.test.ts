import { randomBytes } from 'node:crypto';
import { aRoomWithMembers, api, signedInUser, type ErrorBody, type SignedInUser } from '@chat/testing';
import { send } from '../support/stack-api';

interface UploadTicket {
  attachmentId: string;
  uploadUrl: string;
  uploadHeaders: Record<string, string>;
  expiresAt: string;
}

interface DownloadTicket {
  downloadUrl: string;
  fileName: string;
  contentType: string;
  size: number;
  expiresAt: string;
}

function announce(roomId: string, user: SignedInUser, body: Record<string, unknown>) {
  return api<UploadTicket & ErrorBody>('POST', `/rooms/${roomId}/attachments`, { user, body });
}

async function upload(ticket: UploadTicket, bytes: Buffer): Promise<number> {
  const response = await fetch(ticket.uploadUrl, {
    method: 'PUT',
    headers: ticket.uploadHeaders,
    body: bytes,
    signal: AbortSignal.timeout(20_000),
  });
  await response.arrayBuffer();
  return response.status;
}

/** An attachment announced and uploaded by `user`, ready to be referenced by a message. */
async function uploaded(roomId: string, user: SignedInUser, bytes = randomBytes(2048)) {
  const ticket = await announce(roomId, user, {
    fileName: 'photo.png',
    contentType: 'image/png',
    size: bytes.length,
  });
  expect(ticket.status).toBe(201);
  expect(await upload(ticket.body, bytes)).toBe(200);
  return { ticket: ticket.body, bytes };
}

describe('attachments', () => {
  it('go up and come down through presigned URLs byte for byte, for every member', async () => {
    const { roomId, owner, members } = await aRoomWithMembers(1);
    const bob = members[0]!;
    const bytes = randomBytes(64 * 1024);

    const ticket = await announce(roomId, owner, {
      fileName: 'Quarterly report.pdf',
      contentType: 'application/pdf',
      size: bytes.length,
    });
    const uploadStatus = await upload(ticket.body, bytes);
    const message = await send(roomId, owner, {
      text: 'see attached',
      attachmentIds: [ticket.body.attachmentId],
    });
    const download = await api<DownloadTicket>(
      'GET',
      `/rooms/${roomId}/attachments/${ticket.body.attachmentId}`,
      {
        user: bob,
      },
    );
    const fetched = await fetch(download.body.downloadUrl, { signal: AbortSignal.timeout(20_000) });
    const downloaded = Buffer.from(await fetched.arrayBuffer());

    expect(ticket.status).toBe(201);
    expect(ticket.body.uploadUrl).toContain(
      `/rooms/${roomId}/${ticket.body.attachmentId}/Quarterly_report.pdf`,
    );
    expect(ticket.body.uploadHeaders).toEqual({
      'Content-Type': 'application/pdf',
      'Content-Length': String(bytes.length),
    });
    expect(Date.parse(ticket.body.expiresAt) - Date.now()).toBeGreaterThan(5 * 60_000);
    expect(uploadStatus).toBe(200);
    expect(message.status).toBe(201);
    expect(message.body.attachments).toEqual([
      {
        attachmentId: ticket.body.attachmentId,
        fileName: 'Quarterly report.pdf',
        contentType: 'application/pdf',
        size: bytes.length,
      },
    ]);
    expect(download.status).toBe(200);
    expect(download.body).toMatchObject({
      fileName: 'Quarterly report.pdf',
      contentType: 'application/pdf',
      size: bytes.length,
    });
    expect(fetched.status).toBe(200);
    expect(downloaded.equals(bytes)).toBe(true);
  });

  it('allow a message of attachments only', async () => {
    const { roomId, owner } = await aRoomWithMembers(0);
    const { ticket } = await uploaded(roomId, owner);

    const message = await send(roomId, owner, { text: '', attachmentIds: [ticket.attachmentId] });

    expect(message.status).toBe(201);
    expect(message.body.text).toBe('');
  });

  it.each([
    ['too large', { fileName: 'huge.png', contentType: 'image/png', size: 25 * 1024 * 1024 + 1 }, 'size'],
    ['of a type not allowed', { fileName: 'page.html', contentType: 'text/html', size: 10 }, 'contentType'],
    [
      'of an executable type',
      { fileName: 'tool.exe', contentType: 'application/octet-stream', size: 10 },
      'contentType',
    ],
  ])('are refused with 400 when %s', async (_, body, field) => {
    const { roomId, owner } = await aRoomWithMembers(0);

    const response = await announce(roomId, owner, body);

    expect(response.status).toBe(400);
    expect(response.body.error.details?.map((d) => d.field)).toEqual([field]);
  });

  it('of another room are refused with 400, and cannot be read through this room', async () => {
    const { roomId, owner } = await aRoomWithMembers(0);
    const other = await aRoomWithMembers(0);
    await api('POST', `/rooms/${other.roomId}/members`, { user: owner, body: {} });
    const { ticket } = await uploaded(other.roomId, owner);

    const message = await send(roomId, owner, { text: 'smuggled', attachmentIds: [ticket.attachmentId] });
    const read = await api<ErrorBody>('GET', `/rooms/${roomId}/attachments/${ticket.attachmentId}`, {
      user: owner,
    });

    expect(message.status).toBe(400);
    expect(message.body.error.details).toEqual([
      { field: 'attachmentIds.0', message: 'is not an attachment uploaded by you to this room' },
    ]);
    expect(read.status).toBe(404);
  });

  it('that were announced but not uploaded are refused with 400', async () => {
    const { roomId, owner } = await aRoomWithMembers(0);
    const ticket = await announce(roomId, owner, {
      fileName: 'later.png',
      contentType: 'image/png',
      size: 10,
    });

    const message = await send(roomId, owner, {
      text: 'too soon',
      attachmentIds: [ticket.body.attachmentId],
    });

    expect(message.status).toBe(400);
    expect(message.body.error.details?.[0]?.message).toBe('has not been uploaded');
  });

  it('can be announced and read by members only (404 for others)', async () => {
    const { roomId, owner } = await aRoomWithMembers(0);
    const stranger = await signedInUser();
    const { ticket } = await uploaded(roomId, owner);
    await send(roomId, owner, { text: 'file', attachmentIds: [ticket.attachmentId] });

    const announced = await announce(roomId, stranger, {
      fileName: 'x.png',
      contentType: 'image/png',
      size: 10,
    });
    const read = await api<ErrorBody>('GET', `/rooms/${roomId}/attachments/${ticket.attachmentId}`, {
      user: stranger,
    });

    expect([announced.status, read.status]).toEqual([404, 404]);
  });

  it('cannot change once a message carries them: uploading again through the URL changes nothing members get', async () => {
    const { roomId, owner, members } = await aRoomWithMembers(1);
    const { ticket, bytes } = await uploaded(roomId, owner);
    const message = await send(roomId, owner, { text: 'the real one', attachmentIds: [ticket.attachmentId] });

    const swapped = randomBytes(bytes.length);
    const reupload = await upload(ticket, swapped);
    const download = await api<DownloadTicket>('GET', `/rooms/${roomId}/attachments/${ticket.attachmentId}`, {
      user: members[0]!,
    });
    const fetched = await fetch(download.body.downloadUrl, { signal: AbortSignal.timeout(20_000) });
    const downloaded = Buffer.from(await fetched.arrayBuffer());

    expect(message.status).toBe(201);
    expect(reupload).toBe(200); // the URL is still valid: it writes the upload, not what the message keeps
    expect(download.status).toBe(200);
    expect(downloaded.equals(bytes)).toBe(true);
    expect(downloaded.equals(swapped)).toBe(false);
  });

  it('go away with their message', async () => {
    const { roomId, owner } = await aRoomWithMembers(0);
    const { ticket } = await uploaded(roomId, owner);
    const message = await send(roomId, owner, { text: 'oops', attachmentIds: [ticket.attachmentId] });
    const before = await api<DownloadTicket>('GET', `/rooms/${roomId}/attachments/${ticket.attachmentId}`, {
      user: owner,
    });

    await api('DELETE', `/rooms/${roomId}/messages/${message.body.messageId}`, { user: owner });
    const after = await api('GET', `/rooms/${roomId}/attachments/${ticket.attachmentId}`, { user: owner });
    const object = await fetch(before.body.downloadUrl, { signal: AbortSignal.timeout(20_000) });
    await object.arrayBuffer();

    expect(after.status).toBe(404);
    expect(object.status).toBe(404);
  });
});
