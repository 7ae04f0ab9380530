import {
  closeAllSockets,
  connect,
  createRoom,
  type Frame,
  joinRoom,
  sendMessage,
  signedInUsers,
} from '@chat/testing';
import { fannedOut } from '../support/stack';

afterAll(closeAllSockets);

describe('client frames on the local stack', () => {
  it('sends typing to the room’s other members only: not the typist’s own sockets, not outsiders', async () => {
    const [alice, bob, outsider] = await signedInUsers(3);
    const { roomId } = await createRoom(alice!);
    await joinRoom(roomId, bob!);
    const [alicePhone, aliceLaptop, bobPhone, outsiderPhone] = await Promise.all([
      connect(alice!.accessToken),
      connect(alice!.accessToken),
      connect(bob!.accessToken),
      connect(outsider!.accessToken),
    ]);

    alicePhone!.send({ action: 'typing', roomId });
    const typing = await bobPhone!.next('typing');
    // A later frame on each socket, posted after the typing fan-out finished: any typing frame would be before it.
    const marker = await sendMessage(roomId, alice!, 'marker');
    await fannedOut('MessageSent', (data) => data.messageId === marker.messageId);
    const isMarker = (f: Frame) => (f.message as { messageId?: string }).messageId === marker.messageId;
    await Promise.all([alicePhone!, aliceLaptop!].map((c) => c.next('message.sent', isMarker)));
    const { roomId: outsiderRoom } = await createRoom(outsider!);
    const outsiderMarker = await sendMessage(outsiderRoom, outsider!, 'marker');
    await outsiderPhone!.next(
      'message.sent',
      (f) => (f.message as { messageId?: string }).messageId === outsiderMarker.messageId,
    );

    expect(typing).toEqual({ type: 'typing', roomId, userId: alice!.userId, eventId: expect.any(String) });
    expect(alicePhone!.framesOf('typing')).toEqual([]);
    expect(aliceLaptop!.framesOf('typing')).toEqual([]);
    expect(outsiderPhone!.framesOf('typing')).toEqual([]);
  });

  it('answers typing for a room the user is not in with an error frame, and keeps the connection open', async () => {
    const [owner, intruder] = await signedInUsers(2);
    const { roomId } = await createRoom(owner!, { visibility: 'private' });
    const socket = await connect(intruder!.accessToken);

    socket.send({ action: 'typing', roomId });
    const refused = await socket.next('error');
    socket.send({ action: 'ping' });

    expect(refused).toEqual({
      type: 'error',
      error: { code: 'NOT_FOUND', message: 'The room was not found' },
    });
    await socket.next('pong');
  });

  it('answers malformed frames and unknown actions with BAD_FRAME, and frames over 32 KB with PAYLOAD_TOO_LARGE', async () => {
    const [user] = await signedInUsers(1);
    const socket = await connect(user!.accessToken);

    socket.send('not json');
    await socket.next('error', (f) => (f.error as { message: string }).message === 'Frame is not valid JSON');
    socket.send({ action: 'dance' });
    await socket.next('error', (f) => (f.error as { message: string }).message === 'Unknown action "dance"');
    socket.send({ action: 'ping', padding: 'x'.repeat(40 * 1024) });
    const tooLarge = await socket.next(
      'error',
      (f) => (f.error as { code: string }).code === 'PAYLOAD_TOO_LARGE',
    );
    socket.send({ action: 'ping' });
    await socket.next('pong');

    expect(tooLarge).toEqual({
      type: 'error',
      error: { code: 'PAYLOAD_TOO_LARGE', message: 'Frames may be at most 32768 bytes' },
    });
    expect(socket.framesOf('pong')).toHaveLength(1);
  });
});
