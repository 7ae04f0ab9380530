import {
  api,
  closeAllSockets,
  connect,
  createRoom,
  eventually,
  type Frame,
  joinRoom,
  leaveRoom,
  sendMessage,
  type SignedInUser,
  signedInUsers,
  type TestSocket,
} from '@chat/testing';
import { fannedOut } from '../support/stack';

afterAll(closeAllSockets);

const about = (messageId: string) => (frame: Frame) =>
  (frame.message as { messageId?: string } | undefined)?.messageId === messageId ||
  frame.messageId === messageId;

/**
 * The frames about `messageId` that reached `client` (of `user`), observed without a fixed sleep: once the
 * fan-out of the message has finished, a marker posted to the same socket afterwards arrives after anything the
 * fan-out sent it (one TCP stream), so when the marker is there, the message would be too.
 */
async function framesAbout(
  client: TestSocket,
  user: SignedInUser,
  messageId: string,
  events = ['MessageSent'],
): Promise<Frame[]> {
  for (const detailType of events) await fannedOut(detailType, (data) => data.messageId === messageId);
  const { roomId: markerRoom } = await createRoom(user);
  const marker = await sendMessage(markerRoom, user, 'marker');
  await client.next('message.sent', about(marker.messageId));
  return client.frames.filter(about(messageId));
}

describe('fan-out of room events to sockets on the local stack', () => {
  it('delivers message.sent/edited/deleted to every open connection of every member, the sender’s included', async () => {
    const [owner, member, outsider] = await signedInUsers(3);
    const { roomId } = await createRoom(owner!);
    await joinRoom(roomId, member!);
    const [ownerPhone, ownerLaptop, memberPhone, outsiderPhone] = await Promise.all([
      connect(owner!.accessToken),
      connect(owner!.accessToken),
      connect(member!.accessToken),
      connect(outsider!.accessToken),
    ]);

    const message = await sendMessage(roomId, owner!, 'hello room');
    const sent = await Promise.all(
      [ownerPhone!, ownerLaptop!, memberPhone!].map((client) =>
        client.next('message.sent', about(message.messageId)),
      ),
    );
    const edited = await api('PATCH', `/rooms/${roomId}/messages/${message.messageId}`, {
      user: owner,
      body: { text: 'hello, room' },
    });
    expect(edited.status).toBe(200);
    const editFrame = await memberPhone!.next('message.edited', about(message.messageId));
    const deleted = await api('DELETE', `/rooms/${roomId}/messages/${message.messageId}`, { user: owner });
    expect(deleted.status).toBe(204);
    const deleteFrame = await ownerLaptop!.next('message.deleted', about(message.messageId));

    // The room's first three changes: the send (1), the edit (2), the delete (3), each frame carrying its version.
    expect(sent[0]).toEqual({
      type: 'message.sent',
      roomId,
      version: 1,
      message,
      eventId: expect.any(String),
    });
    expect(new Set(sent.map((frame) => frame.eventId)).size).toBe(1);
    expect(editFrame).toMatchObject({
      roomId,
      version: 2,
      message: { text: 'hello, room', editedAt: expect.any(String), seq: 1, version: 2 },
    });
    expect(deleteFrame).toEqual({
      type: 'message.deleted',
      roomId,
      messageId: message.messageId,
      version: 3,
      eventId: expect.any(String),
    });
    expect(new Set([sent[0]?.eventId, editFrame.eventId, deleteFrame.eventId]).size).toBe(3);
    await eventually(
      () =>
        [ownerPhone!, memberPhone!].every((c) => c.framesOf('message.deleted').length > 0) ? true : undefined,
      { what: 'the delete to reach everyone' },
    );
    expect(
      await framesAbout(outsiderPhone!, outsider!, message.messageId, [
        'MessageSent',
        'MessageEdited',
        'MessageDeleted',
      ]),
    ).toEqual([]);
  });

  it('tells the room’s members who joined, and stops delivering to a user who left or was kicked', async () => {
    const [owner, leaver, kicked] = await signedInUsers(3);
    const { roomId } = await createRoom(owner!);
    const [ownerSocket, leaverSocket, kickedSocket] = await Promise.all([
      connect(owner!.accessToken),
      connect(leaver!.accessToken),
      connect(kicked!.accessToken),
    ]);

    await joinRoom(roomId, leaver!);
    await joinRoom(roomId, kicked!);
    const joined = await ownerSocket!.next('member.joined', (f) => f.userId === kicked!.userId);
    const before = await sendMessage(roomId, owner!, 'before they go');
    await Promise.all(
      [leaverSocket!, kickedSocket!].map((c) => c.next('message.sent', about(before.messageId))),
    );
    await leaveRoom(roomId, leaver!);
    await leaveRoom(roomId, kicked!, owner!);
    const leftFrames = await Promise.all([
      leaverSocket!.next('member.left', (f) => f.userId === leaver!.userId),
      kickedSocket!.next('member.left', (f) => f.userId === kicked!.userId),
      ownerSocket!.next('member.left', (f) => f.userId === kicked!.userId),
    ]);
    const after = await sendMessage(roomId, owner!, 'after they left');
    await ownerSocket!.next('message.sent', about(after.messageId));

    expect(joined).toEqual({
      type: 'member.joined',
      roomId,
      userId: kicked!.userId,
      role: 'member',
      eventId: expect.any(String),
    });
    expect(leftFrames[0]).toEqual({
      type: 'member.left',
      roomId,
      userId: leaver!.userId,
      eventId: expect.any(String),
    });
    expect(await framesAbout(leaverSocket!, leaver!, after.messageId)).toEqual([]);
    expect(await framesAbout(kickedSocket!, kicked!, after.messageId)).toEqual([]);
  });

  it('never delivers a private room’s events to a user who is not in it', async () => {
    const [owner, stranger] = await signedInUsers(2);
    const { roomId } = await createRoom(owner!, { visibility: 'private' });
    const [ownerSocket, strangerSocket] = await Promise.all([
      connect(owner!.accessToken),
      connect(stranger!.accessToken),
    ]);

    const secret = await sendMessage(roomId, owner!, 'secret');
    await ownerSocket!.next('message.sent', about(secret.messageId));

    expect(await framesAbout(strangerSocket!, stranger!, secret.messageId)).toEqual([]);
  });
});
