import { openDirectMessage } from '../../../src/use-cases/open-direct-message';
import { directMessageRoomId } from '../../../src/domain/direct-message';
import { DirectMessageToSelfError, UserNotFoundError } from '../../../src/domain/errors';
import { alice, bob, context } from '../../support/builders';
import { fakeDependencies } from '../../support/in-memory-room-store';

describe('openDirectMessage', () => {
  it("creates the pair's DM room with exactly the two users as members", async () => {
    const { deps, rooms } = fakeDependencies([bob]);

    const { room, created } = await openDirectMessage(deps, alice, bob.userId, context);

    expect(created).toBe(true);
    expect(room).toMatchObject({
      roomId: directMessageRoomId(alice.userId, bob.userId),
      kind: 'dm',
      visibility: 'private',
      ownerId: alice.userId,
      memberCount: 2,
    });
    expect(
      rooms
        .membersOf(room.roomId)
        .map((m) => [m.userId, m.username, m.roomKind])
        .sort(),
    ).toEqual([
      [alice.userId, 'alice', 'dm'],
      [bob.userId, 'bob', 'dm'],
    ]);
  });

  it('returns the same room, not created, when either user asks again', async () => {
    const { deps } = fakeDependencies([alice, bob]);

    const first = await openDirectMessage(deps, alice, bob.userId, context);
    const again = await openDirectMessage(deps, bob, alice.userId, context);

    expect(again).toEqual({ room: first.room, created: false });
  });

  it('returns the room a concurrent request created first', async () => {
    const { deps, rooms } = fakeDependencies([bob]);
    const original = rooms.createDirectMessage.bind(rooms);
    rooms.createDirectMessage = async (room, members) => {
      await original(room, members);
      return 'exists';
    };

    const opened = await openDirectMessage(deps, alice, bob.userId, context);

    expect(opened.created).toBe(false);
    expect(opened.room.memberCount).toBe(2);
  });

  it('refuses a DM with oneself as a validation error on userId', async () => {
    const { deps } = fakeDependencies([alice]);

    await expect(openDirectMessage(deps, alice, alice.userId, context)).rejects.toMatchObject({
      constructor: DirectMessageToSelfError,
      details: [{ field: 'userId', message: expect.any(String) }],
    });
  });

  it('answers not found for a user nobody registered', async () => {
    const { deps, rooms } = fakeDependencies();

    await expect(openDirectMessage(deps, alice, 'user-nobody', context)).rejects.toThrow(UserNotFoundError);
    expect(rooms.rooms.size).toBe(0);
  });
});
