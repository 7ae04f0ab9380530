import {
  api,
  as,
  createRoom,
  signedInUser,
  type ErrorBody,
  type RoomBody,
  type SignedInUser,
} from '@chat/testing';
import { knownToRooms } from '../support/local-bus';
import type { MemberBody, PageBody } from '../support/rooms-api';

// The first requests of a run start the functions (worker threads, JWKS); later ones take milliseconds.

/** A signed-in user the rooms service already knows (its UserRegistered was consumed). */
async function knownUser(): Promise<SignedInUser> {
  const user = await signedInUser();
  await knownToRooms(user.userId);
  return user;
}

function fieldsOf(body: unknown): string[] {
  return ((body as ErrorBody).error.details ?? []).map((d) => d.field).sort();
}

describe('POST /rooms', () => {
  it('creates a room with a trimmed name whose only member is the caller, as owner', async () => {
    const alice = await signedInUser();

    const created = await as(alice).post<RoomBody>('/rooms', {
      name: '  Launch  ',
      visibility: 'public',
      topic: 'go',
    });
    const members = await as(alice).get<PageBody<MemberBody>>(`/rooms/${created.body.roomId}/members`);

    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      roomId: expect.any(String),
      kind: 'room',
      name: 'Launch',
      topic: 'go',
      visibility: 'public',
      ownerId: alice.userId,
      memberCount: 1,
      createdAt: expect.stringMatching(/Z$/),
    });
    expect(members.body.items).toEqual([
      {
        roomId: created.body.roomId,
        userId: alice.userId,
        username: alice.username,
        role: 'owner',
        joinedAt: created.body.createdAt,
      },
    ]);
  });

  it('answers 400 VALIDATION_FAILED naming every bad field', async () => {
    const alice = await signedInUser();

    const response = await as(alice).post('/rooms', {
      name: 'x'.repeat(101),
      visibility: 'hidden',
      topic: 't'.repeat(501),
      ownerId: 'someone-else',
    });

    expect(response.status).toBe(400);
    expect((response.body as ErrorBody).error.code).toBe('VALIDATION_FAILED');
    expect(fieldsOf(response.body)).toEqual(['name', 'ownerId', 'topic', 'visibility']);
  });

  it('refuses a blank name, malformed JSON and a missing token', async () => {
    const alice = await signedInUser();

    const blank = await as(alice).post('/rooms', { name: '   ', visibility: 'private' });
    const malformed = await api('POST', '/rooms', {
      token: alice.accessToken,
      body: '{"name":',
      headers: { 'content-type': 'application/json' },
    });
    const anonymous = await api('POST', '/rooms', { body: { name: 'x', visibility: 'public' } });

    expect([blank.status, fieldsOf(blank.body)]).toEqual([400, ['name']]);
    expect([malformed.status, (malformed.body as ErrorBody).error.code]).toEqual([400, 'BAD_JSON']);
    expect([anonymous.status, (anonymous.body as ErrorBody).error.code]).toEqual([401, 'UNAUTHENTICATED']);
  });
});

describe('GET /rooms (public directory)', () => {
  it('pages newest first through public rooms only, with opaque cursors and no repeats', async () => {
    const alice = await signedInUser();
    const older = await createRoom(alice, { name: 'older', visibility: 'public' });
    const secret = await createRoom(alice, { name: 'secret', visibility: 'private' });
    const newer = await createRoom(alice, { name: 'newer', visibility: 'public' });

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor === null ? '?limit=2' : `?limit=2&cursor=${encodeURIComponent(cursor)}`;
      const page = await as(alice).get<PageBody<RoomBody>>(`/rooms${query}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((room) => room.roomId));
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 500);

    expect(cursor).toBeNull();
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).not.toContain(secret.roomId);
    expect(seen.indexOf(newer.roomId)).toBeGreaterThanOrEqual(0);
    expect(seen.indexOf(newer.roomId)).toBeLessThan(seen.indexOf(older.roomId));
  });

  it('answers 400 for a bad cursor or limit', async () => {
    const alice = await signedInUser();

    const responses = await Promise.all(
      [
        'cursor=garbage!',
        `cursor=${Buffer.from('{"c":1}').toString('base64url')}`,
        'limit=0',
        'limit=101',
        'limit=ten',
      ].map((query) => as(alice).get(`/rooms?${query}`)),
    );

    expect(responses.map((r) => [r.status, fieldsOf(r.body)])).toEqual([
      [400, ['cursor']],
      [400, ['cursor']],
      [400, ['limit']],
      [400, ['limit']],
      [400, ['limit']],
    ]);
  });
});

describe('GET /rooms/{roomId} and GET /rooms/mine', () => {
  it('hides a private room from non-members (404, as for a missing room) and shows it to members', async () => {
    const [alice, mallory] = await Promise.all([signedInUser(), signedInUser()]);
    const secret = await createRoom(alice, { visibility: 'private' });

    const [asOwner, asStranger, missing, malformed] = await Promise.all([
      as(alice).get(`/rooms/${secret.roomId}`),
      as(mallory).get<ErrorBody>(`/rooms/${secret.roomId}`),
      as(mallory).get<ErrorBody>('/rooms/01ZZZZZZZZZZZZZZZZZZZZZZZZ'),
      as(mallory).get<ErrorBody>('/rooms/not%20an%20id'),
    ]);

    expect(asOwner.status).toBe(200);
    expect([asStranger.status, asStranger.body.error.code]).toEqual([404, 'NOT_FOUND']);
    expect(asStranger.body).toEqual(missing.body);
    expect([malformed.status, fieldsOf(malformed.body)]).toEqual([400, ['roomId']]);
  });

  it("lists exactly the caller's rooms", async () => {
    const [alice, bob] = await Promise.all([signedInUser(), signedInUser()]);
    const mine = await createRoom(alice, { visibility: 'private' });
    const joined = await createRoom(bob, { visibility: 'public' });
    const notMine = await createRoom(bob, { visibility: 'public' });
    await as(alice).post(`/rooms/${joined.roomId}/members`, {});

    const { status, body } = await as(alice).get<{ items: RoomBody[] }>('/rooms/mine');

    expect(status).toBe(200);
    expect(body.items.map((room) => room.roomId).sort()).toEqual([mine.roomId, joined.roomId].sort());
    expect(body.items.map((room) => room.roomId)).not.toContain(notMine.roomId);
  });
});

describe('PATCH /rooms/{roomId}', () => {
  it('lets the owner and an admin rename or re-topic, and refuses members and strangers', async () => {
    const [alice, bob, carol, mallory] = await Promise.all([
      knownUser(),
      knownUser(),
      knownUser(),
      signedInUser(),
    ]);
    const room = await createRoom(alice, { name: 'before', visibility: 'public' });
    await as(alice).post(`/rooms/${room.roomId}/members`, { userId: bob.userId });
    await as(alice).post(`/rooms/${room.roomId}/members`, { userId: carol.userId });
    const promoted = await as(alice).patch<MemberBody>(`/rooms/${room.roomId}/members/${bob.userId}`, {
      role: 'admin',
    });

    const byOwner = await as(alice).patch<RoomBody>(`/rooms/${room.roomId}`, { name: 'after' });
    const byAdmin = await as(bob).patch<RoomBody>(`/rooms/${room.roomId}`, { topic: 'new topic' });
    const byMember = await as(carol).patch<ErrorBody>(`/rooms/${room.roomId}`, { name: 'hijacked' });
    const byStranger = await as(mallory).patch<ErrorBody>(`/rooms/${room.roomId}`, { name: 'hijacked' });

    expect(promoted.body.role).toBe('admin');
    expect([byOwner.status, byOwner.body.name]).toEqual([200, 'after']);
    expect([byAdmin.status, byAdmin.body.name, byAdmin.body.topic]).toEqual([200, 'after', 'new topic']);
    expect([byMember.status, byMember.body.error.code]).toEqual([403, 'FORBIDDEN']);
    expect([byStranger.status, byStranger.body.error.code]).toEqual([403, 'FORBIDDEN']);
  });

  it('answers 404 to a stranger patching a private room and 400 to bad bodies', async () => {
    const [alice, mallory] = await Promise.all([signedInUser(), signedInUser()]);
    const room = await createRoom(alice, { visibility: 'private' });

    const stranger = await as(mallory).patch(`/rooms/${room.roomId}`, { name: 'x' });
    const empty = await as(alice).patch(`/rooms/${room.roomId}`, {});
    const visibility = await as(alice).patch(`/rooms/${room.roomId}`, { name: 'x', visibility: 'public' });
    const blank = await as(alice).patch(`/rooms/${room.roomId}`, { name: '' });

    expect(stranger.status).toBe(404);
    expect([empty.status, fieldsOf(empty.body)]).toEqual([400, ['body']]);
    expect([visibility.status, fieldsOf(visibility.body)]).toEqual([400, ['visibility']]);
    expect([blank.status, fieldsOf(blank.body)]).toEqual([400, ['name']]);
  });
});

describe('POST /rooms/{roomId}/members', () => {
  it('joins a public room idempotently: the same membership and one count', async () => {
    const [alice, bob] = await Promise.all([signedInUser(), signedInUser()]);
    const room = await createRoom(alice, { visibility: 'public' });

    const first = await as(bob).post<MemberBody>(`/rooms/${room.roomId}/members`, {});
    const second = await as(bob).post<MemberBody>(`/rooms/${room.roomId}/members`, {});
    const after = await as(bob).get<RoomBody>(`/rooms/${room.roomId}`);

    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      roomId: room.roomId,
      userId: bob.userId,
      username: bob.username,
      role: 'member',
      joinedAt: expect.any(String),
    });
    expect(second).toMatchObject({ status: 200, body: first.body });
    expect(after.body.memberCount).toBe(2);
  });

  it('keeps strangers out of a private room (404) until the owner adds them', async () => {
    const [alice, bob] = await Promise.all([signedInUser(), knownUser()]);
    const room = await createRoom(alice, { visibility: 'private' });

    const selfJoin = await as(bob).post<ErrorBody>(`/rooms/${room.roomId}/members`, {});
    const added = await as(alice).post<MemberBody>(`/rooms/${room.roomId}/members`, { userId: bob.userId });
    const visible = await as(bob).get<RoomBody>(`/rooms/${room.roomId}`);

    expect([selfJoin.status, selfJoin.body.error.code]).toEqual([404, 'NOT_FOUND']);
    expect([added.status, added.body.userId, added.body.role]).toEqual([200, bob.userId, 'member']);
    expect([visible.status, visible.body.memberCount]).toEqual([200, 2]);
  });

  it('refuses adds by plain members (403), of unknown users (404) and with unknown fields (400)', async () => {
    const [alice, bob, carol] = await Promise.all([signedInUser(), signedInUser(), knownUser()]);
    const room = await createRoom(alice, { visibility: 'public' });
    await as(bob).post(`/rooms/${room.roomId}/members`, {});

    const byMember = await as(bob).post<ErrorBody>(`/rooms/${room.roomId}/members`, { userId: carol.userId });
    const unknown = await as(alice).post<ErrorBody>(`/rooms/${room.roomId}/members`, {
      userId: '00000000-0000-4000-8000-000000000000',
    });
    const extra = await as(alice).post(`/rooms/${room.roomId}/members`, {
      userId: carol.userId,
      role: 'admin',
    });

    expect([byMember.status, byMember.body.error.code]).toEqual([403, 'FORBIDDEN']);
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'NOT_FOUND']);
    expect([extra.status, fieldsOf(extra.body)]).toEqual([400, ['role']]);
  });
});

describe('DELETE /rooms/{roomId}/members/{userId}', () => {
  it('lets a member leave with me (204), and answers 404 to leaving again', async () => {
    const [alice, bob] = await Promise.all([signedInUser(), signedInUser()]);
    const room = await createRoom(alice, { visibility: 'public' });
    await as(bob).post(`/rooms/${room.roomId}/members`, {});

    const first = await as(bob).delete(`/rooms/${room.roomId}/members/me`);
    const second = await as(bob).delete<ErrorBody>(`/rooms/${room.roomId}/members/${bob.userId}`);
    const after = await as(alice).get<RoomBody>(`/rooms/${room.roomId}`);

    expect(first.status).toBe(204);
    expect([second.status, second.body.error.code]).toEqual([404, 'NOT_FOUND']);
    expect(after.body.memberCount).toBe(1);
  });

  it('lets the owner and admins kick, but never a member, and never the owner', async () => {
    const [alice, bob, carol, dave] = await Promise.all([
      signedInUser(),
      signedInUser(),
      signedInUser(),
      signedInUser(),
    ]);
    const room = await createRoom(alice, { visibility: 'public' });
    for (const user of [bob, carol, dave]) await as(user).post(`/rooms/${room.roomId}/members`, {});
    await as(alice).patch(`/rooms/${room.roomId}/members/${bob.userId}`, { role: 'admin' });

    const memberKicks = await as(carol).delete<ErrorBody>(`/rooms/${room.roomId}/members/${dave.userId}`);
    const adminKicksOwner = await as(bob).delete<ErrorBody>(`/rooms/${room.roomId}/members/${alice.userId}`);
    const adminKicks = await as(bob).delete(`/rooms/${room.roomId}/members/${dave.userId}`);
    const ownerKicksAdmin = await as(alice).delete(`/rooms/${room.roomId}/members/${bob.userId}`);
    const members = await as(alice).get<PageBody<MemberBody>>(`/rooms/${room.roomId}/members`);

    expect([memberKicks.status, memberKicks.body.error.code]).toEqual([403, 'FORBIDDEN']);
    expect([adminKicksOwner.status, adminKicksOwner.body.error.code]).toEqual([403, 'FORBIDDEN']);
    expect([adminKicks.status, ownerKicksAdmin.status]).toEqual([204, 204]);
    expect(members.body.items.map((m) => m.userId).sort()).toEqual([alice.userId, carol.userId].sort());
  });

  it('hands the room to the longest-standing admin when the owner leaves, and archives it when empty', async () => {
    const [alice, bob, carol] = await Promise.all([signedInUser(), signedInUser(), signedInUser()]);
    const room = await createRoom(alice, { visibility: 'public' });
    await as(bob).post(`/rooms/${room.roomId}/members`, {});
    await as(carol).post(`/rooms/${room.roomId}/members`, {});
    await as(alice).patch(`/rooms/${room.roomId}/members/${carol.userId}`, { role: 'admin' });

    await as(alice).delete(`/rooms/${room.roomId}/members/me`);
    const handedOver = await as(carol).get<RoomBody>(`/rooms/${room.roomId}`);
    await as(carol).delete(`/rooms/${room.roomId}/members/me`);
    const toMember = await as(bob).get<RoomBody>(`/rooms/${room.roomId}`);
    const lastLeaves = await as(bob).delete(`/rooms/${room.roomId}/members/me`);
    const archived = await as(bob).get(`/rooms/${room.roomId}`);
    const rejoin = await as(alice).post(`/rooms/${room.roomId}/members`, {});

    expect([handedOver.body.ownerId, handedOver.body.memberCount]).toEqual([carol.userId, 2]);
    expect([toMember.body.ownerId, toMember.body.memberCount]).toEqual([bob.userId, 1]);
    expect(lastLeaves.status).toBe(204);
    expect(archived.status).toBe(404);
    expect(rejoin.status).toBe(404);
  });
});

describe('GET /rooms/{roomId}/members', () => {
  it('pages through the members for members only', async () => {
    const users = await Promise.all(Array.from({ length: 5 }, () => signedInUser()));
    const [owner, ...others] = users as [SignedInUser, ...SignedInUser[]];
    const mallory = await signedInUser();
    const room = await createRoom(owner, { visibility: 'private' });
    const publicRoom = await createRoom(owner, { visibility: 'public' });
    await Promise.all(others.map((user) => knownToRooms(user.userId)));
    for (const user of others) await as(owner).post(`/rooms/${room.roomId}/members`, { userId: user.userId });

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
      const page = await as(others[0] as SignedInUser).get<PageBody<MemberBody>>(
        `/rooms/${room.roomId}/members?limit=2${query}`,
      );
      seen.push(...page.body.items.map((m) => m.userId));
      cursor = page.body.nextCursor;
    } while (cursor !== null && seen.length < 20);
    const privateStranger = await as(mallory).get<ErrorBody>(`/rooms/${room.roomId}/members`);
    const publicStranger = await as(mallory).get<ErrorBody>(`/rooms/${publicRoom.roomId}/members`);
    const badCursor = await as(owner).get(`/rooms/${room.roomId}/members?cursor=%7B%7D`);

    expect(seen.sort()).toEqual(users.map((u) => u.userId).sort());
    expect(privateStranger.status).toBe(404);
    expect([publicStranger.status, publicStranger.body.error.code]).toEqual([403, 'FORBIDDEN']);
    expect([badCursor.status, fieldsOf(badCursor.body)]).toEqual([400, ['cursor']]);
  });
});
