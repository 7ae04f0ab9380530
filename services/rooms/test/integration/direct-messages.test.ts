import { as, signedInUser, type ErrorBody, type RoomBody, type SignedInUser } from '@chat/testing';
import { knownToRooms } from '../support/local-bus';
import type { MemberBody, PageBody } from '../support/rooms-api';

// The first requests of a run start the functions (worker threads, JWKS); later ones take milliseconds.

async function knownUser(): Promise<SignedInUser> {
  const user = await signedInUser();
  await knownToRooms(user.userId);
  return user;
}

describe('POST /dms', () => {
  it("creates the pair's DM room (201) and gives the same room to either side afterwards (200)", async () => {
    const [alice, bob] = await Promise.all([knownUser(), knownUser()]);

    const opened = await as(alice).post<RoomBody>('/dms', { userId: bob.userId });
    const again = await as(bob).post<RoomBody>('/dms', { userId: alice.userId });
    const members = await as(bob).get<PageBody<MemberBody>>(`/rooms/${opened.body.roomId}/members`);
    const [aliceRooms, bobRooms] = await Promise.all(
      [alice, bob].map((u) => as(u).get<{ items: RoomBody[] }>('/rooms/mine')),
    );

    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({
      kind: 'dm',
      visibility: 'private',
      ownerId: alice.userId,
      memberCount: 2,
    });
    expect([again.status, again.body]).toEqual([200, opened.body]);
    expect(members.body.items.map((m) => m.userId).sort()).toEqual([alice.userId, bob.userId].sort());
    expect(aliceRooms?.body.items.map((r) => r.roomId)).toContain(opened.body.roomId);
    expect(bobRooms?.body.items.map((r) => r.roomId)).toContain(opened.body.roomId);
  });

  it('ends with one room of two members when both sides open it at once', async () => {
    const [alice, bob] = await Promise.all([knownUser(), knownUser()]);

    const responses = await Promise.all([
      as(alice).post<RoomBody>('/dms', { userId: bob.userId }),
      as(bob).post<RoomBody>('/dms', { userId: alice.userId }),
      as(alice).post<RoomBody>('/dms', { userId: bob.userId }),
    ]);
    const room = await as(alice).get<RoomBody>(`/rooms/${responses[0].body.roomId}`);

    expect(new Set(responses.map((r) => r.body.roomId)).size).toBe(1);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    expect(room.body.memberCount).toBe(2);
  });

  it('lets nobody else in or out, and nobody rename it', async () => {
    const [alice, bob, mallory] = await Promise.all([knownUser(), knownUser(), knownUser()]);
    const { body: dm } = await as(alice).post<RoomBody>('/dms', { userId: bob.userId });

    const strangerReads = await as(mallory).get(`/rooms/${dm.roomId}`);
    const strangerJoins = await as(mallory).post(`/rooms/${dm.roomId}/members`, {});
    const memberInvites = await as(alice).post<ErrorBody>(`/rooms/${dm.roomId}/members`, {
      userId: mallory.userId,
    });
    const memberLeaves = await as(bob).delete<ErrorBody>(`/rooms/${dm.roomId}/members/me`);
    const memberKicks = await as(alice).delete<ErrorBody>(`/rooms/${dm.roomId}/members/${bob.userId}`);
    const rename = await as(alice).patch<ErrorBody>(`/rooms/${dm.roomId}`, { name: 'ours' });
    const after = await as(alice).get<RoomBody>(`/rooms/${dm.roomId}`);

    expect([strangerReads.status, strangerJoins.status]).toEqual([404, 404]);
    expect([memberInvites.status, memberLeaves.status, memberKicks.status, rename.status]).toEqual([
      403, 403, 403, 403,
    ]);
    expect(after.body.memberCount).toBe(2);
  });

  it('answers 400 for a DM with oneself and 404 for an unknown user', async () => {
    const alice = await knownUser();

    const self = await as(alice).post<ErrorBody>('/dms', { userId: alice.userId });
    const unknown = await as(alice).post<ErrorBody>('/dms', {
      userId: '00000000-0000-4000-8000-000000000000',
    });
    const missing = await as(alice).post<ErrorBody>('/dms', {});

    expect([self.status, self.body.error.code, self.body.error.details?.[0]?.field]).toEqual([
      400,
      'VALIDATION_FAILED',
      'userId',
    ]);
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'NOT_FOUND']);
    expect([missing.status, missing.body.error.details?.[0]?.field]).toEqual([400, 'userId']);
  });
});
