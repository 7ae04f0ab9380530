import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { ulid } from 'ulid';
import { eventBridgeContinuations } from '../../src/adapters/eventbridge-continuations';
import {
  closeAllSockets,
  connect,
  createRoom,
  joinRoom,
  localStack,
  sendMessage,
  signedInUsers,
} from '@chat/testing';
import { fannedOut } from '../support/stack';

afterAll(closeAllSockets);

/**
 * A large room's fan-out hands the members after a page to another invocation with a FanOutContinued event (the
 * page logic itself is unit-tested): here the real adapter publishes a continuation on the stack's bus, realtime's
 * own rule delivers it, and the next invocation reaches exactly the members after the cursor.
 */
describe('the continuation of a room fan-out on the local stack', () => {
  it('delivers the frame to the members after the cursor only, in another invocation', async () => {
    const members = await signedInUsers(4);
    const [owner] = members;
    const { roomId } = await createRoom(owner!);
    for (const member of members.slice(1)) await joinRoom(roomId, member);
    const byUserId = [...members].sort((a, b) => a.userId.localeCompare(b.userId));
    const second = byUserId[1];
    const sockets = await Promise.all(byUserId.map((member) => connect(member.accessToken)));
    const stack = localStack();
    const client = new EventBridgeClient({
      endpoint: stack.eventBridge,
      region: stack.region,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const sourceEventId = ulid();
    const frame = { type: 'member.left', roomId, userId: 'someone', eventId: sourceEventId };

    await eventBridgeContinuations(client, 'chat-local', { now: () => new Date() }).continueLater(
      { roomId, frame, alsoNotify: [], after: second!.userId, page: 2 },
      { eventId: sourceEventId, correlationId: sourceEventId },
    );
    const continued = await fannedOut('FanOutContinued', (data) => data.roomId === roomId);
    // A frame posted to every socket after the continuation's fan-out finished: frames before it are all in.
    const marker = await sendMessage(roomId, owner!, 'marker');
    await Promise.all(
      sockets.map((socket) =>
        socket.next(
          'message.sent',
          (f) => (f.message as { messageId: string }).messageId === marker.messageId,
        ),
      ),
    );
    client.destroy();

    expect(continued.event.detail.metadata).toMatchObject({ causationId: sourceEventId });
    expect(
      sockets.map((socket) => socket.framesOf('member.left', (f) => f.eventId === sourceEventId).length),
    ).toEqual([0, 0, 1, 1]);
  });
});
