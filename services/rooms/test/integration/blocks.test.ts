import {
  api,
  as,
  busEvents,
  eventually,
  openDm,
  signedInUser,
  type ErrorBody,
  type RoomBody,
  type SignedInUser,
} from '@chat/testing';
import { knownToRooms } from '../support/local-bus';

// User blocks (API.md "Safety") on the local stack: the routes, POST /dms refused to the blocked user at once,
// reading the DM still allowed, and the UserBlocked / UserUnblocked events from the blocks table's outbox.

interface BlocksBody extends ErrorBody {
  items: { userId: string; createdAt: string }[];
  nextCursor: string | null;
}

async function knownUser(): Promise<SignedInUser> {
  const user = await signedInUser();
  await knownToRooms(user.userId);
  return user;
}

const block = (user: SignedInUser, userId: string) =>
  api<ErrorBody>('PUT', `/users/me/blocks/${userId}`, { user });
const unblock = (user: SignedInUser, userId: string) =>
  api<ErrorBody>('DELETE', `/users/me/blocks/${userId}`, { user });
const blocksOf = (user: SignedInUser, query = '') =>
  api<BlocksBody>('GET', `/users/me/blocks${query}`, { user });

describe('PUT/DELETE/GET /users/me/blocks', () => {
  it('blocks idempotently, lists the block once with when it was made, unblocks idempotently', async () => {
    const [alice, bob] = await Promise.all([knownUser(), knownUser()]);

    const first = await block(alice, bob.userId);
    const again = await block(alice, bob.userId);
    const listed = await blocksOf(alice);
    const removed = await unblock(alice, bob.userId);
    const removedAgain = await unblock(alice, bob.userId);
    const after = await blocksOf(alice);

    expect([first.status, again.status, removed.status, removedAgain.status]).toEqual([204, 204, 204, 204]);
    expect(listed.body).toEqual({
      items: [{ userId: bob.userId, createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }],
      nextCursor: null,
    });
    expect(after.body).toEqual({ items: [], nextCursor: null });
  });

  it('pages the list with limit and cursor', async () => {
    const [alice, bob, carol] = await Promise.all([knownUser(), knownUser(), knownUser()]);
    await block(alice, bob.userId);
    await block(alice, carol.userId);

    const first = await blocksOf(alice, '?limit=1');
    const second = await blocksOf(
      alice,
      `?limit=1&cursor=${encodeURIComponent(first.body.nextCursor ?? '')}`,
    );

    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const listed = [...first.body.items, ...second.body.items].map((item) => item.userId).sort();
    expect(listed).toEqual([bob.userId, carol.userId].sort());
  });

  it('refuses blocking oneself (400 naming userId), an unknown user (404) and a malformed id (400)', async () => {
    const alice = await knownUser();

    const self = await block(alice, alice.userId);
    const unknown = await block(alice, 'no-such-user');
    const malformed = await api<ErrorBody>('PUT', '/users/me/blocks/bad%20id', { user: alice });
    const badLimit = await blocksOf(alice, '?limit=0');

    expect(self.status).toBe(400);
    expect(self.body.error.details?.map((d) => d.field)).toEqual(['userId']);
    expect(unknown.status).toBe(404);
    expect(malformed.status).toBe(400);
    expect(badLimit.status).toBe(400);
  });

  it('publishes UserBlocked once and UserUnblocked once', async () => {
    const [alice, bob] = await Promise.all([knownUser(), knownUser()]);
    await block(alice, bob.userId);
    await block(alice, bob.userId);
    await unblock(alice, bob.userId);
    await unblock(alice, bob.userId);
    const about = (detailType: string) => async () => {
      const events = (await busEvents(detailType)).filter((e) => e.event.detail.data.userId === alice.userId);
      return events.length > 0 ? events : undefined;
    };

    const blocked = await eventually(about('UserBlocked'), { what: 'UserBlocked' });
    const unblocked = await eventually(about('UserUnblocked'), { what: 'UserUnblocked' });

    expect(blocked.map((e) => e.event.detail.data)).toEqual([
      { userId: alice.userId, blockedUserId: bob.userId, createdAt: expect.any(String) },
    ]);
    expect(blocked[0]?.event.source).toBe('chat.rooms');
    expect(unblocked.map((e) => e.event.detail.data)).toEqual([
      { userId: alice.userId, blockedUserId: bob.userId },
    ]);
  });
});

describe('POST /dms and blocks', () => {
  it('refuses a DM to the blocked user at once (new or existing), lets both read it, and allows it again after the unblock', async () => {
    const [alice, bob, carol] = await Promise.all([knownUser(), knownUser(), knownUser()]);
    const dm = await openDm(bob, alice.userId);
    await block(alice, bob.userId);
    await block(alice, carol.userId);

    const existing = await as(bob).post<ErrorBody>('/dms', { userId: alice.userId });
    const fresh = await as(carol).post<ErrorBody>('/dms', { userId: alice.userId });
    const byBlocker = await as(alice).post<RoomBody>('/dms', { userId: bob.userId });
    const bobReads = await as(bob).get<RoomBody>(`/rooms/${dm.roomId}`);
    const bobReadsMessages = await as(bob).get(`/rooms/${dm.roomId}/messages`);
    await unblock(alice, bob.userId);
    const afterUnblock = await as(bob).post<RoomBody>('/dms', { userId: alice.userId });

    expect(existing.status).toBe(403);
    expect(existing.body.error.code).toBe('FORBIDDEN');
    expect(fresh.status).toBe(403);
    expect(byBlocker.status).toBe(200);
    expect(bobReads.status).toBe(200);
    expect(bobReadsMessages.status).toBe(200);
    expect(afterUnblock.status).toBe(200);
    expect(afterUnblock.body.roomId).toBe(dm.roomId);
  });
});
