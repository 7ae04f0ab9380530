import { randomUUID } from 'node:crypto';
import { as, createRoom, signedInUser, type RoomBody } from '@chat/testing';
import { eventsWhere, knownToRooms, waitForEvents } from '../support/local-bus';

// The first requests of a run start the functions (worker threads, JWKS); later ones take milliseconds.

interface Membership {
  roomId: string;
  userId: string;
  role?: string;
  reason?: string;
}

const inRoom = (roomId: string) => (data: Membership) => data.roomId === roomId;

describe('events published from the rooms and memberships tables', () => {
  it("publishes RoomCreated and the owner's UserJoined with the request's correlation id", async () => {
    const alice = await signedInUser();
    const correlationId = `test-${randomUUID()}`;

    const room = await createRoom(alice, { visibility: 'public' }, { 'x-correlation-id': correlationId });

    const [created] = await waitForEvents<RoomBody>('RoomCreated', (data) => data.roomId === room.roomId);
    const [joined] = await waitForEvents<Membership>('UserJoined', inRoom(room.roomId));
    expect(created).toMatchObject({ correlationId, data: room });
    expect(joined).toMatchObject({
      correlationId,
      data: { roomId: room.roomId, userId: alice.userId, role: 'owner' },
    });
  });

  it('publishes RoomUpdated on a rename and UserLeft with reason left or kicked', async () => {
    const [alice, bob, carol] = await Promise.all([signedInUser(), signedInUser(), signedInUser()]);
    const room = await createRoom(alice, { name: 'before', visibility: 'public' });
    await as(bob).post(`/rooms/${room.roomId}/members`, {});
    await as(carol).post(`/rooms/${room.roomId}/members`, {});

    await as(alice).patch(`/rooms/${room.roomId}`, { name: 'after' });
    await as(bob).delete(`/rooms/${room.roomId}/members/me`);
    await as(alice).delete(`/rooms/${room.roomId}/members/${carol.userId}`);

    const [updated] = await waitForEvents<RoomBody>('RoomUpdated', (data) => data.roomId === room.roomId);
    const left = await waitForEvents<Membership>('UserLeft', inRoom(room.roomId), 2);
    expect(updated?.data).toMatchObject({ name: 'after', memberCount: 3 });
    expect(left.map((e) => [e.data.userId, e.data.reason]).sort()).toEqual(
      [
        [bob.userId, 'left'],
        [carol.userId, 'kicked'],
      ].sort(),
    );
  });

  it('counts 20 concurrent joins exactly once each: memberCount 21 and 20 UserJoined, no duplicates', async () => {
    const owner = await signedInUser();
    const joiners = await Promise.all(Array.from({ length: 20 }, () => signedInUser()));
    const room = await createRoom(owner, { visibility: 'public' });

    const responses = await Promise.all(
      joiners.map((user) => as(user).post(`/rooms/${room.roomId}/members`, {})),
    );
    const after = await as(owner).get<RoomBody>(`/rooms/${room.roomId}`);
    // A barrier: the membership stream is ordered, so once this leave is published every join before it is too.
    await as(owner).delete(`/rooms/${room.roomId}/members/me`);
    await waitForEvents<Membership>('UserLeft', inRoom(room.roomId));

    const joined = await eventsWhere<Membership>('UserJoined', inRoom(room.roomId));
    const memberJoins = joined.filter((e) => e.data.role === 'member');
    expect(responses.map((r) => r.status)).toEqual(Array.from({ length: 20 }, () => 200));
    expect(after.body.memberCount).toBe(21);
    expect(memberJoins).toHaveLength(20);
    expect(memberJoins.map((e) => e.data.userId).sort()).toEqual(joiners.map((u) => u.userId).sort());
    expect(new Set(joined.map((e) => e.eventId)).size).toBe(joined.length);
    expect(joined.filter((e) => e.data.role === 'owner').map((e) => e.data.userId)).toEqual([owner.userId]);
    // The owner's leave handed the room over: one RoomUpdated (the new owner); the 20 member counts published none.
    const [handedOver] = await waitForEvents<RoomBody>('RoomUpdated', (data) => data.roomId === room.roomId);
    expect(joiners.map((u) => u.userId)).toContain(handedOver?.data.ownerId);
    expect(await eventsWhere<RoomBody>('RoomUpdated', (data) => data.roomId === room.roomId)).toHaveLength(1);
  });

  it('learns registered users from UserRegistered, so they can be added by id', async () => {
    const [alice, bob] = await Promise.all([signedInUser(), signedInUser()]);
    const room = await createRoom(alice, { visibility: 'private' });

    await knownToRooms(bob.userId);
    const added = await as(alice).post<{ username: string }>(`/rooms/${room.roomId}/members`, {
      userId: bob.userId,
    });

    expect([added.status, added.body.username]).toEqual([200, bob.username]);
  });
});
