import {
  api,
  as,
  closeAllSockets,
  connect,
  createRoom,
  handledBy,
  joinRoom,
  sendMessage,
  signedInUser,
  type ErrorBody,
  type Frame,
  type SignedInUser,
  type TestSocket,
} from '@chat/testing';
import { knownToRooms, waitForEvents } from '../support/local-bus';
import type { MemberBody, PageBody } from '../support/rooms-api';

interface BanBody {
  userId: string;
  bannedBy: string;
  reason: string | null;
  createdAt: string;
}

afterAll(closeAllSockets);

async function knownUser(): Promise<SignedInUser> {
  const user = await signedInUser();
  await knownToRooms(user.userId);
  return user;
}

/** A public room of a new owner, with an admin and a member. */
async function moderatedRoom() {
  const [owner, admin, member] = await Promise.all([knownUser(), knownUser(), knownUser()]);
  const { roomId } = await createRoom(owner);
  await joinRoom(roomId, admin);
  await joinRoom(roomId, member);
  await as(owner).patch(`/rooms/${roomId}/members/${admin.userId}`, { role: 'admin' });
  return { roomId, owner, admin, member };
}

const codeOf = (body: unknown) => (body as ErrorBody).error.code;

const about = (messageId: string) => (frame: Frame) =>
  (frame.message as { messageId?: string } | undefined)?.messageId === messageId;

/**
 * The frames about `messageId` that reached `socket` (of `user`), without a fixed sleep: once realtime's fan-out
 * of the message has finished, a marker message of `user`'s own room arrives after anything it sent the socket.
 */
async function framesAbout(socket: TestSocket, user: SignedInUser, messageId: string): Promise<Frame[]> {
  await handledBy<{ messageId: string }>(
    'realtime.fanOutRoomEvent',
    'MessageSent',
    (data) => data.messageId === messageId,
  );
  const { roomId: markerRoom } = await createRoom(user);
  const marker = await sendMessage(markerRoom, user, 'marker');
  await socket.next('message.sent', about(marker.messageId));
  return socket.frames.filter(about(messageId));
}

describe('PUT /rooms/{roomId}/bans/{userId}', () => {
  it('removes the member (member.left, UserLeft kicked), publishes UserBanned and refuses their join and invitation until unbanned', async () => {
    const { roomId, owner, admin, member } = await moderatedRoom();
    const ownerSocket = await connect(owner.accessToken);

    const banned = await as(admin).put(`/rooms/${roomId}/bans/${member.userId}`, { reason: '  spam links ' });
    const [event] = await waitForEvents<{ roomId: string; userId: string }>(
      'UserBanned',
      (d) => d.roomId === roomId && d.userId === member.userId,
    );
    const [left] = await waitForEvents<{ roomId: string; userId: string; reason: string }>(
      'UserLeft',
      (d) => d.roomId === roomId && d.userId === member.userId,
    );
    const leftFrame = await ownerSocket.next('member.left', (f) => f.userId === member.userId);
    const rejoin = await as(member).post(`/rooms/${roomId}/members`, {});
    const reinvite = await as(owner).post(`/rooms/${roomId}/members`, { userId: member.userId });
    const members = await as(owner).get<PageBody<MemberBody>>(`/rooms/${roomId}/members`);

    expect(banned.status).toBe(204);
    expect(event?.data).toEqual({
      roomId,
      userId: member.userId,
      bannedBy: admin.userId,
      reason: 'spam links',
    });
    expect(left?.data.reason).toBe('kicked');
    expect(leftFrame).toMatchObject({ type: 'member.left', roomId, userId: member.userId });
    expect([rejoin.status, codeOf(rejoin.body)]).toEqual([403, 'FORBIDDEN']);
    expect([reinvite.status, codeOf(reinvite.body)]).toEqual([403, 'FORBIDDEN']);
    expect(members.body.items.map((m) => m.userId)).not.toContain(member.userId);

    const unbanned = await as(owner).delete(`/rooms/${roomId}/bans/${member.userId}`);
    const joined = await as(member).post<MemberBody>(`/rooms/${roomId}/members`, {});

    expect(unbanned.status).toBe(204);
    expect(joined.status).toBe(200);
    expect(joined.body.role).toBe('member');
  });

  it('sends a banned user no frame of the room while a member still gets them', async () => {
    const { roomId, owner, admin, member } = await moderatedRoom();
    const [adminSocket, memberSocket] = await Promise.all([
      connect(admin.accessToken),
      connect(member.accessToken),
    ]);
    const before = await sendMessage(roomId, owner, 'before the ban');
    await memberSocket.next('message.sent', about(before.messageId));

    await as(owner).put(`/rooms/${roomId}/bans/${member.userId}`);
    await handledBy<{ roomId: string; userId: string }>(
      'realtime.fanOutRoomEvent',
      'UserLeft',
      (d) => d.roomId === roomId && d.userId === member.userId,
    );
    const after = await sendMessage(roomId, owner, 'after the ban');

    expect(await adminSocket.next('message.sent', about(after.messageId))).toMatchObject({
      message: { text: 'after the ban' },
    });
    expect(await framesAbout(memberSocket, member, after.messageId)).toEqual([]);
  });

  it('bans a non-member pre-emptively: their first join is refused', async () => {
    const [owner, stranger] = await Promise.all([knownUser(), knownUser()]);
    const { roomId } = await createRoom(owner);

    const banned = await as(owner).put(`/rooms/${roomId}/bans/${stranger.userId}`, {});
    const join = await as(stranger).post(`/rooms/${roomId}/members`, {});
    const again = await as(owner).put(`/rooms/${roomId}/bans/${stranger.userId}`, { reason: 'second' });
    const list = await as(owner).get<PageBody<BanBody>>(`/rooms/${roomId}/bans`);

    expect(banned.status).toBe(204);
    expect(join.status).toBe(403);
    expect(again.status).toBe(204);
    expect(list.body).toEqual({
      items: [
        {
          userId: stranger.userId,
          bannedBy: owner.userId,
          reason: null,
          createdAt: expect.stringMatching(/Z$/),
        },
      ],
      nextCursor: null,
    });
  });

  it('refuses: an admin banning the owner or another admin, a member banning, the owner banning themselves', async () => {
    const { roomId, owner, admin, member } = await moderatedRoom();
    const otherAdmin = await knownUser();
    await joinRoom(roomId, otherAdmin);
    await as(owner).patch(`/rooms/${roomId}/members/${otherAdmin.userId}`, { role: 'admin' });

    const answers = await Promise.all([
      as(admin).put(`/rooms/${roomId}/bans/${owner.userId}`),
      as(admin).put(`/rooms/${roomId}/bans/${otherAdmin.userId}`),
      as(member).put(`/rooms/${roomId}/bans/${admin.userId}`),
      as(owner).put(`/rooms/${roomId}/bans/${owner.userId}`),
      as(member).get(`/rooms/${roomId}/bans`),
      as(member).delete(`/rooms/${roomId}/bans/${admin.userId}`),
    ]);
    const members = await as(owner).get<PageBody<MemberBody>>(`/rooms/${roomId}/members`);

    expect(answers.map((a) => a.status)).toEqual([403, 403, 403, 403, 403, 403]);
    expect(answers.map((a) => codeOf(a.body))).toEqual(Array(6).fill('FORBIDDEN'));
    expect(members.body.items).toHaveLength(4);
  });

  it('lets the owner ban an admin, and lists bans a page at a time', async () => {
    const { roomId, owner, admin, member } = await moderatedRoom();

    await as(owner).put(`/rooms/${roomId}/bans/${admin.userId}`, { reason: 'abuse' });
    await as(owner).put(`/rooms/${roomId}/bans/${member.userId}`);
    const first = await as(owner).get<PageBody<BanBody>>(`/rooms/${roomId}/bans?limit=1`);
    const second = await as(owner).get<PageBody<BanBody>>(
      `/rooms/${roomId}/bans?limit=1&cursor=${first.body.nextCursor ?? ''}`,
    );

    expect(first.status).toBe(200);
    expect([...first.body.items, ...second.body.items].map((b) => b.userId).sort()).toEqual(
      [admin.userId, member.userId].sort(),
    );
    expect(second.body.nextCursor).toBeNull();
  });

  it('answers 400 for a reason over 500 characters or an unknown field, 404 for an unknown user', async () => {
    const { roomId, owner, member } = await moderatedRoom();

    const long = await as(owner).put(`/rooms/${roomId}/bans/${member.userId}`, { reason: 'x'.repeat(501) });
    const extra = await as(owner).put(`/rooms/${roomId}/bans/${member.userId}`, { until: 'tomorrow' });
    const unknown = await api('PUT', `/rooms/${roomId}/bans/no-such-user`, { user: owner });

    expect([long.status, codeOf(long.body)]).toEqual([400, 'VALIDATION_FAILED']);
    expect([extra.status, codeOf(extra.body)]).toEqual([400, 'VALIDATION_FAILED']);
    expect(unknown.status).toBe(404);
  });
});
