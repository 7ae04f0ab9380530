import { markForRemoval } from '@chat/memberships/src/testing';
import {
  closeAllSockets,
  connect,
  createRoom,
  joinRoom,
  sendMessage,
  signedInUsers,
  type Frame,
  type SignedInUser,
  type TestSocket,
} from '@chat/testing';
import { closeDynamo, dynamo, fannedOut } from '../support/stack';

// A member rooms has marked for removal (the marker it writes just before the delete; left in place here, as when
// the delete step fails) gets none of the room's frames: realtime reads members through @chat/memberships.

afterAll(async () => {
  await closeAllSockets();
  closeDynamo();
});

const about = (messageId: string) => (frame: Frame) =>
  (frame.message as { messageId?: string } | undefined)?.messageId === messageId;

/**
 * The frames about `messageId` that reached `socket` (of `user`), without a fixed sleep: once the fan-out has
 * finished, a marker message of `user`'s own room arrives after anything the fan-out sent the same socket.
 */
async function framesAbout(socket: TestSocket, user: SignedInUser, messageId: string): Promise<Frame[]> {
  await fannedOut('MessageSent', (data) => data.messageId === messageId);
  const { roomId: markerRoom } = await createRoom(user);
  const marker = await sendMessage(markerRoom, user, 'marker');
  await socket.next('message.sent', about(marker.messageId));
  return socket.frames.filter(about(messageId));
}

describe('fan-out to a member marked for removal', () => {
  it('sends them no frame of a new message, while another member gets it', async () => {
    const [owner, member, kicked] = (await signedInUsers(3)) as [SignedInUser, SignedInUser, SignedInUser];
    const { roomId } = await createRoom(owner);
    await joinRoom(roomId, member);
    await joinRoom(roomId, kicked);
    const [memberSocket, kickedSocket] = await Promise.all([
      connect(member.accessToken),
      connect(kicked.accessToken),
    ]);
    const before = await sendMessage(roomId, owner, 'before the kick');
    await kickedSocket.next('message.sent', about(before.messageId));

    await markForRemoval(dynamo(), { roomId, userId: kicked.userId, removedBy: owner.userId });
    const after = await sendMessage(roomId, owner, 'after the kick');

    expect(await memberSocket.next('message.sent', about(after.messageId))).toMatchObject({
      type: 'message.sent',
      message: { messageId: after.messageId, text: 'after the kick' },
    });
    expect(await framesAbout(kickedSocket, kicked, after.messageId)).toEqual([]);
  });
});
