import {
  api,
  closeAllSockets,
  connect,
  createRoom,
  joinRoom,
  sendMessage,
  signedInUsers,
  type Frame,
} from '@chat/testing';
import { fannedOut } from '../support/stack';

afterAll(closeAllSockets);

describe('read receipts on the local stack', () => {
  it('send read.updated to every member’s connections, the reader’s other devices included, and nobody else', async () => {
    const [owner, reader, outsider] = await signedInUsers(3);
    const { roomId } = await createRoom(owner!);
    await joinRoom(roomId, reader!);
    const [ownerSocket, readerLaptop, readerPhone, outsiderSocket] = await Promise.all([
      connect(owner!.accessToken),
      connect(reader!.accessToken),
      connect(reader!.accessToken),
      connect(outsider!.accessToken),
    ]);
    const message = await sendMessage(roomId, owner!, 'did you read this?');

    const marked = await api('PUT', `/rooms/${roomId}/read`, {
      user: reader,
      body: { messageId: message.messageId },
    });
    const isReceipt = (frame: Frame) => frame.roomId === roomId && frame.userId === reader!.userId;
    const frames = await Promise.all(
      [ownerSocket!, readerLaptop!, readerPhone!].map((socket) => socket.next('read.updated', isReceipt)),
    );

    expect(marked.status).toBe(204);
    for (const frame of frames) {
      expect(frame).toEqual({
        type: 'read.updated',
        roomId,
        userId: reader!.userId,
        messageId: message.messageId,
        seq: (message as { seq?: number }).seq ?? null,
        readAt: expect.any(String),
        eventId: expect.any(String),
      });
    }
    expect(new Set(frames.map((frame) => frame.eventId)).size).toBe(1);

    // Once the fan-out has finished, a frame posted to the outsider afterwards arrives after anything it sent.
    await fannedOut('ReadMarkerMoved', (data) => data.roomId === roomId, 'realtime.fanOutReadReceipt');
    const { roomId: ownRoom } = await createRoom(outsider!);
    const ownMessage = await sendMessage(ownRoom, outsider!, 'marker');
    await outsiderSocket!.next(
      'message.sent',
      (f) => (f.message as { messageId: string }).messageId === ownMessage.messageId,
    );
    expect(outsiderSocket!.framesOf('read.updated')).toEqual([]);
  });

  it('send nothing when the marker does not move (an older message)', async () => {
    const [owner, reader] = await signedInUsers(2);
    const { roomId } = await createRoom(owner!);
    await joinRoom(roomId, reader!);
    const first = await sendMessage(roomId, owner!, 'one');
    const second = await sendMessage(roomId, owner!, 'two');
    const ownerSocket = await connect(owner!.accessToken);

    await api('PUT', `/rooms/${roomId}/read`, { user: reader, body: { messageId: second.messageId } });
    await ownerSocket.next('read.updated', (f) => f.messageId === second.messageId);
    const back = await api('PUT', `/rooms/${roomId}/read`, {
      user: reader,
      body: { messageId: first.messageId },
    });
    await api('PUT', `/rooms/${roomId}/read`, { user: owner, body: { messageId: second.messageId } });
    await ownerSocket.next('read.updated', (f) => f.userId === owner!.userId);

    expect(back.status).toBe(204);
    expect(ownerSocket.framesOf('read.updated', (f) => f.userId === reader!.userId)).toHaveLength(1);
  });
});
