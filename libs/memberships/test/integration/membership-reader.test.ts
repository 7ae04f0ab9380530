import { randomUUID } from 'node:crypto';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createRoom, joinRoom, signedInUsers, stackDocumentClient, type SignedInUser } from '@chat/testing';
import {
  membershipReader,
  type MembershipPage,
  type MembershipReader,
  type PageOptions,
} from '../../src/index';
import { LOCAL_MEMBERSHIPS_TABLE, markForRemoval } from '../../src/testing';

// The reader against the local stack's memberships table (rooms' own, created from its serverless.ts): members
// made by rooms through the HTTP API, and, for paging, items staged in the shape rooms writes.

let client: DynamoDBDocumentClient;
let reader: MembershipReader;

beforeAll(() => {
  client = stackDocumentClient();
  reader = membershipReader(client, LOCAL_MEMBERSHIPS_TABLE);
});

afterAll(() => client.destroy());

/** A room owned by `owner` that `members` joined, through rooms' HTTP API. */
async function aRoomOf(owner: SignedInUser, ...members: SignedInUser[]): Promise<string> {
  const { roomId } = await createRoom(owner);
  for (const user of members) await joinRoom(roomId, user);
  return roomId;
}

/** A membership item in the shape rooms writes (memberItem), for rooms and users that exist only here. */
async function stage(roomId: string, userId: string): Promise<void> {
  const joinedAt = new Date().toISOString();
  await client.send(
    new PutCommand({
      TableName: LOCAL_MEMBERSHIPS_TABLE,
      Item: {
        roomId,
        userId,
        username: `u${userId.replace(/-/g, '').slice(0, 20)}`,
        role: 'member',
        joinedAt,
        roomKind: 'room',
        seniority: `2#${joinedAt}#${userId}`,
      },
    }),
  );
}

/** Every page from the first, following `next`. */
async function allPages(
  read: (options: PageOptions) => Promise<MembershipPage>,
  limit: number,
): Promise<MembershipPage[]> {
  const pages: MembershipPage[] = [];
  let after: string | undefined;
  do {
    const page = await read({ limit, ...(after === undefined ? {} : { after }) });
    pages.push(page);
    after = page.next;
  } while (after !== undefined);
  return pages;
}

describe('the memberships table reader', () => {
  let owner: SignedInUser;
  let member: SignedInUser;
  let kicked: SignedInUser;
  let stranger: SignedInUser;

  beforeAll(async () => {
    [owner, member, kicked, stranger] = (await signedInUsers(4)) as [
      SignedInUser,
      SignedInUser,
      SignedInUser,
      SignedInUser,
    ];
  });

  it('reads a member who has just joined, with their role, and nobody who has not', async () => {
    const roomId = await aRoomOf(owner, member);

    const [ofOwner, ofMember, ofStranger] = await Promise.all(
      [owner, member, stranger].map((user) => reader.membershipOf(roomId, user.userId)),
    );

    expect(ofOwner).toEqual({ roomId, userId: owner.userId, role: 'owner' });
    expect(ofMember).toEqual({ roomId, userId: member.userId, role: 'member' });
    expect(ofStranger).toBeUndefined();
    expect(await reader.isMember(roomId, member.userId)).toBe(true);
    expect(await reader.isMember(roomId, stranger.userId)).toBe(false);
    expect((await reader.membersPage(roomId, { limit: 10 })).items.sort()).toEqual(
      [owner.userId, member.userId].sort(),
    );
    expect((await reader.roomsPage(member.userId, { limit: 100 })).items).toContain(roomId);
    expect(
      await reader.membersByUsername(roomId, [member.username, stranger.username, 'nobody-here']),
    ).toEqual(new Map([[member.username, member.userId]]));
  });

  it('no longer counts a member in any read once rooms has marked them for removal, before the delete', async () => {
    const roomId = await aRoomOf(owner, member, kicked);

    await markForRemoval(client, {
      roomId,
      userId: kicked.userId,
      reason: 'kicked',
      removedBy: owner.userId,
    });

    expect(await reader.membershipOf(roomId, kicked.userId)).toBeUndefined();
    expect(await reader.isMember(roomId, kicked.userId)).toBe(false);
    expect((await reader.membersPage(roomId, { limit: 10 })).items.sort()).toEqual(
      [owner.userId, member.userId].sort(),
    );
    expect((await reader.roomsPage(kicked.userId, { limit: 100 })).items).not.toContain(roomId);
    expect(await reader.membersByUsername(roomId, [kicked.username, member.username])).toEqual(
      new Map([[member.username, member.userId]]),
    );
  });

  it('pages a room’s members in userId order, full pages across marked members, each member once', async () => {
    const roomId = `room-${randomUUID()}`;
    const userIds = Array.from({ length: 8 }, (_, i) => `user-${i}-${randomUUID()}`);
    for (const userId of userIds) await stage(roomId, userId);
    const marked = [userIds[1], userIds[2], userIds[3], userIds[6]] as string[];
    for (const userId of marked) await markForRemoval(client, { roomId, userId });

    const pages = await allPages((options) => reader.membersPage(roomId, options), 2);

    const active = userIds.filter((id) => !marked.includes(id));
    expect(pages.flatMap((page) => page.items)).toEqual(active);
    expect(pages.slice(0, -1).every((page) => page.items.length === 2)).toBe(true);
    expect(pages[0]?.items).toEqual([userIds[0], userIds[4]]);
  });

  it('pages a user’s rooms through byUser in roomId order, full pages across marked memberships', async () => {
    const userId = `user-${randomUUID()}`;
    const roomIds = Array.from({ length: 6 }, (_, i) => `room-${i}-${randomUUID()}`);
    for (const roomId of roomIds) await stage(roomId, userId);
    const marked = [roomIds[0], roomIds[2], roomIds[3]] as string[];
    for (const roomId of marked) await markForRemoval(client, { roomId, userId });

    const pages = await allPages((options) => reader.roomsPage(userId, options), 2);

    expect(pages.flatMap((page) => page.items)).toEqual(roomIds.filter((id) => !marked.includes(id)));
    expect(pages[0]?.items).toEqual([roomIds[1], roomIds[4]]);
  });

  it('answers an empty page for a room with no members left, and no next', async () => {
    const roomId = `room-${randomUUID()}`;
    const userIds = [`user-a-${randomUUID()}`, `user-b-${randomUUID()}`, `user-c-${randomUUID()}`];
    for (const userId of userIds) {
      await stage(roomId, userId);
      await markForRemoval(client, { roomId, userId, reason: 'left' });
    }

    expect(await reader.membersPage(roomId, { limit: 2 })).toEqual({ items: [] });
    expect(await reader.membersPage(`room-${randomUUID()}`, { limit: 2 })).toEqual({ items: [] });
  });
});
