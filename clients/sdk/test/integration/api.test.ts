import { ChatApiError, OPERATIONS, type ChatClient } from '@chat/client';
import { routes } from '@chat/openapi';
import { eventually, signedInUser, TEST_PASSWORD, uniqueRoomName, uniqueUsername } from '@chat/testing';
import { closeAllClients, connectedClient, newClient } from '../support/stack';

afterAll(closeAllClients);

/** The answer matches the route's documented response schema exactly (no field missing, none undocumented). */
function expectDocumented(operationId: string, status: number, body: unknown): void {
  const route = routes.find((r) => r.operationId === operationId);
  const schema = route?.responses[status];
  if (!schema) throw new Error(`${operationId} documents no ${status} answer`);
  expect(schema.schema.parse(body)).toEqual(body);
}

async function apiError(call: Promise<unknown>): Promise<ChatApiError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ChatApiError)) throw new Error(`expected a ChatApiError, got ${String(error)}`);
  return error;
}

async function signedInClient(): Promise<ChatClient> {
  return (await connectedClient()).chat;
}

describe('chat.api: typed wrappers of every REST route', () => {
  it('has a wrapper for every operation of docs/openapi.json', () => {
    const chat = newClient();

    expect(Object.keys(OPERATIONS).sort()).toEqual(routes.map((r) => r.operationId).sort());
    for (const operationId of Object.keys(OPERATIONS))
      expect(typeof (chat.api as Record<string, unknown>)[operationId]).toBe('function');
  });

  it('auth: registers, logs in, refreshes, logs out, and maps 409 and 401', async () => {
    const chat = newClient();
    const username = uniqueUsername('sdkauth');
    const credentials = { username, email: `${username}@example.com`, password: TEST_PASSWORD };

    const registered = await chat.register(credentials);
    const taken = await apiError(chat.register(credentials));
    const wrong = await apiError(chat.api.login({ username, password: 'Wrong-Horse-9' }));
    const signIn = await chat.api.login({ username, password: TEST_PASSWORD });
    const refreshed = await chat.api.refresh({ refreshToken: signIn.refreshToken });
    await chat.login({ username, password: TEST_PASSWORD });
    await chat.api.logout({});
    const afterLogout = await apiError(chat.api.refresh({ refreshToken: signIn.refreshToken }));

    expectDocumented('register', 201, registered);
    expectDocumented('login', 200, signIn);
    expectDocumented('refresh', 200, refreshed);
    expect(taken).toMatchObject({ status: 409, code: 'CONFLICT' });
    expect(wrong).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(afterLogout).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('users: reads and updates the profile, searches by prefix, and maps 400 with its details', async () => {
    const chat = await signedInClient();

    const me = await chat.api.getMe();
    const updated = await chat.api.updateMe({ displayName: 'Ada L.' });
    const found = await chat.api.searchUsers({ prefix: me.username, limit: 5 });
    const invalid = await apiError(chat.api.updateMe({ displayName: 42 as unknown as string }));

    expectDocumented('getMe', 200, me);
    expectDocumented('updateMe', 200, updated);
    expectDocumented('searchUsers', 200, found);
    expect(updated.displayName).toBe('Ada L.');
    expect(found.items.map((u) => u.userId)).toContain(me.userId);
    expect(invalid).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(invalid.details.map((d) => d.field)).toContain('displayName');
  });

  it('rooms: creates, lists, reads, updates, joins, lists members, opens a DM, and maps 404 and 403', async () => {
    const owner = await signedInClient();
    const { chat: other, user: otherUser } = await connectedClient();

    const room = await owner.api.createRoom({
      name: uniqueRoomName('sdk'),
      visibility: 'public',
      topic: 'tests',
    });
    const privateRoom = await owner.api.createRoom({ name: uniqueRoomName('sdk'), visibility: 'private' });
    const publicRooms = await owner.api.listRooms({ limit: 5 });
    const read = await owner.api.getRoom(room.roomId);
    const updated = await owner.api.updateRoom(room.roomId, { topic: 'new topic' });
    const joined = await other.api.addMember(room.roomId);
    const members = await owner.api.listMembers(room.roomId, { limit: 10 });
    const promoted = await owner.api.changeMemberRole(room.roomId, otherUser.userId, { role: 'admin' });
    const mine = await other.api.listMyRooms();
    const dm = await owner.api.openDm({ userId: otherUser.userId });
    await other.api.removeMember(room.roomId, 'me');
    const hidden = await apiError(other.api.getRoom(privateRoom.roomId));
    const notAllowed = await apiError(other.api.updateRoom(privateRoom.roomId, { topic: 'mine now' }));

    expectDocumented('createRoom', 201, room);
    expectDocumented('listRooms', 200, publicRooms);
    expectDocumented('getRoom', 200, read);
    expectDocumented('updateRoom', 200, updated);
    expectDocumented('addMember', 200, joined);
    expectDocumented('listMembers', 200, members);
    expectDocumented('changeMemberRole', 200, promoted);
    expectDocumented('listMyRooms', 200, mine);
    expectDocumented('openDm', 201, dm);
    expect(updated.topic).toBe('new topic');
    expect(members.items.map((m) => m.userId).sort()).toEqual([owner.userId, otherUser.userId].sort());
    expect(mine.items.map((r) => r.roomId)).toContain(room.roomId);
    expect(dm.kind).toBe('dm');
    expect(hidden).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect([403, 404]).toContain(notAllowed.status);
  });

  it('messages: sends, lists, reads changes, edits, deletes, attaches, marks read, counts unread, lists receipts', async () => {
    const chat = await signedInClient();
    const { roomId } = await chat.api.createRoom({ name: uniqueRoomName('sdk'), visibility: 'public' });

    const sent = await chat.api.sendMessage(roomId, { text: 'hello', clientMessageId: 'c-api-1' });
    const resent = await chat.api.sendMessage(roomId, { text: 'hello', clientMessageId: 'c-api-1' });
    const page = await chat.api.listMessages(roomId, { limit: 10 });
    const edited = await chat.api.editMessage(roomId, sent.messageId, { text: 'hello, edited' });
    const changes = await chat.api.listChanges(roomId, { since: 0 });
    const ticket = await chat.api.createAttachment(roomId, {
      fileName: 'a.txt',
      contentType: 'text/plain',
      size: 3,
    });
    await chat.api.markRead(roomId, { messageId: sent.messageId });
    const unread = await chat.api.getUnread(roomId);
    const unreads = await chat.api.getUnreads({ roomIds: roomId });
    const receipts = await chat.api.listReceipts(roomId, { limit: 10 });
    await chat.api.deleteMessage(roomId, sent.messageId);
    const afterDelete = await chat.api.listChanges(roomId, { since: changes.version });
    const empty = await apiError(chat.api.sendMessage(roomId, { text: '' }));
    const missing = await apiError(chat.api.getAttachment(roomId, 'nosuchattachment'));

    expectDocumented('sendMessage', 201, sent);
    expectDocumented('sendMessage', 200, resent);
    expectDocumented('listMessages', 200, page);
    expectDocumented('editMessage', 200, edited);
    expectDocumented('listChanges', 200, changes);
    expectDocumented('createAttachment', 201, ticket);
    expectDocumented('getUnread', 200, unread);
    expectDocumented('getUnreads', 200, unreads);
    expectDocumented('listReceipts', 200, receipts);
    expect(resent.messageId).toBe(sent.messageId);
    expect(changes.items.map((m) => m.text)).toEqual(['hello, edited']);
    expect(unread.count).toBe(0);
    expect(afterDelete.items).toEqual([expect.objectContaining({ messageId: sent.messageId, text: '' })]);
    expect(afterDelete.items[0]?.deletedAt).toEqual(expect.any(String));
    expect(empty).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(missing).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('presence: reads the status of users, and maps a bad query to 400', async () => {
    const { chat, user } = await connectedClient();

    // Presence follows the connection through the connections table's stream: online a moment after connecting.
    const presence = await eventually(
      async () => {
        const answer = await chat.api.getPresence({ userIds: user.userId });
        return answer.items[0]?.status === 'online' ? answer : undefined;
      },
      { what: 'the caller online' },
    );
    const bad = await apiError(chat.api.getPresence({ userIds: '' }));

    expectDocumented('getPresence', 200, presence);
    expect(presence.items).toEqual([expect.objectContaining({ userId: user.userId, status: 'online' })]);
    expect(bad).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
  });

  it('notifications: lists, reads and replaces preferences, registers a device, and maps 400', async () => {
    const chat = await signedInClient();

    const inbox = await chat.api.listNotifications({ limit: 5 });
    const preferences = await chat.api.getPreferences();
    const replaced = await chat.api.putPreferences({ email: false, push: true, mutedRoomIds: [] });
    const device = await chat.api.registerDevice({ platform: 'fcm', token: 'a'.repeat(32) });
    const bad = await apiError(chat.api.registerDevice({ platform: 'apns', token: 'not-hex' }));

    expectDocumented('listNotifications', 200, inbox);
    expectDocumented('getPreferences', 200, preferences);
    expectDocumented('putPreferences', 200, replaced);
    expectDocumented('registerDevice', 201, device);
    expect(replaced).toEqual({ email: false, push: true, mutedRoomIds: [] });
    expect(bad).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(bad.details.map((d) => d.field)).toContain('token');
  });

  it('refuses calls that need a session before login, without a request', async () => {
    const chat = newClient();

    await expect(chat.api.getMe()).rejects.toThrow('not signed in');
    await expect(chat.connect()).rejects.toThrow('not signed in');
  });

  it('refuses an empty path id before any request', async () => {
    const user = await signedInUser();
    const chat = newClient();
    await chat.login({ username: user.username, password: user.password });

    await expect(chat.api.getRoom('')).rejects.toThrow('roomId must be a non-empty string');
  });
});
