import { api, type ErrorBody, expectStatus, signedInUser, type SignedInUser } from '@chat/testing';

// The REST routes of chat-notifications on the local stack, with real users (cognito-local tokens).

let alice: SignedInUser;
let bob: SignedInUser;

beforeAll(async () => {
  [alice, bob] = await Promise.all([signedInUser(), signedInUser()]);
});

const fieldsOf = (body: ErrorBody) => (body.error.details ?? []).map((detail) => detail.field).sort();

describe('notifications REST API', () => {
  it.each([
    ['GET', '/notifications'],
    ['GET', '/notifications/preferences'],
    ['PUT', '/notifications/preferences'],
    ['POST', '/notifications/devices'],
  ])('refuses %s %s without a valid token', async (method, path) => {
    const body = method === 'GET' ? undefined : {};
    const missing = await api<ErrorBody>(method, path, { body });
    const forged = await api<ErrorBody>(method, path, {
      user: { ...alice, accessToken: `${alice.accessToken.slice(0, -4)}AAAA` },
      body,
    });

    expect([missing.status, missing.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    expect([forged.status, forged.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('answers the default preferences until the user sets them', async () => {
    const user = await signedInUser();

    expect(await expectStatus(200, 'GET', '/notifications/preferences', { user })).toEqual({
      email: true,
      push: true,
      mutedRoomIds: [],
    });
  });

  it("stores a user's preferences and reads them back, for that user only", async () => {
    const wanted = { email: false, push: true, mutedRoomIds: ['room-a', 'dm_0123'] };

    const stored = await expectStatus(200, 'PUT', '/notifications/preferences', {
      user: alice,
      body: wanted,
    });

    expect(stored).toEqual(wanted);
    expect(await expectStatus(200, 'GET', '/notifications/preferences', { user: alice })).toEqual(wanted);
    expect(await expectStatus(200, 'GET', '/notifications/preferences', { user: bob })).toEqual({
      email: true,
      push: true,
      mutedRoomIds: [],
    });
  });

  it.each([
    ['an unknown field', { email: true, push: true, mutedRoomIds: [], userId: 'someone' }, ['userId']],
    ['wrong types', { email: 'yes', push: 1, mutedRoomIds: 'room-a' }, ['email', 'mutedRoomIds', 'push']],
    ['missing fields', { email: true }, ['mutedRoomIds', 'push']],
    ['repeated room ids', { email: true, push: true, mutedRoomIds: ['r1', 'r1'] }, ['mutedRoomIds']],
    [
      'more than 500 muted rooms',
      { email: true, push: true, mutedRoomIds: Array.from({ length: 501 }, (_, i) => `room-${i}`) },
      ['mutedRoomIds'],
    ],
    ['a body that is not an object', [true], ['body']],
  ])('refuses preferences with %s: 400 naming each bad field', async (_, body, fields) => {
    const response = await api<ErrorBody>('PUT', '/notifications/preferences', { user: bob, body });

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(fieldsOf(response.body)).toEqual(fields);
  });

  it('refuses malformed JSON with 400 BAD_JSON and keeps the stored preferences', async () => {
    const response = await api<ErrorBody>('PUT', '/notifications/preferences', {
      user: bob,
      body: '{"email": tru',
    });

    expect([response.status, response.body.error.code]).toEqual([400, 'BAD_JSON']);
    expect(await expectStatus(200, 'GET', '/notifications/preferences', { user: bob })).toEqual({
      email: true,
      push: true,
      mutedRoomIds: [],
    });
  });

  it('registers a push device as an SNS platform endpoint: 201 with the same deviceId for the same token', async () => {
    const token = `fcm${Date.now()}:APA91b-${bob.userId.replace(/-/g, '')}`;

    const first = await expectStatus<{ deviceId: string }>(201, 'POST', '/notifications/devices', {
      user: bob,
      body: { platform: 'fcm', token },
    });
    const again = await expectStatus<{ deviceId: string }>(201, 'POST', '/notifications/devices', {
      user: bob,
      body: { platform: 'fcm', token },
    });

    expect(first.deviceId).toMatch(/^dev_[0-9a-f]{32}$/);
    expect(again).toEqual(first);
  });

  it('registers an APNs device', async () => {
    const token = Buffer.from(`${alice.userId}-apns-device`.padEnd(32, 'x').slice(0, 32)).toString('hex');

    const response = await api<{ deviceId: string }>('POST', '/notifications/devices', {
      user: alice,
      body: { platform: 'apns', token },
    });

    expect(response.status).toBe(201);
  });

  it.each([
    ['an unknown platform', { platform: 'wns', token: 'a'.repeat(64) }, ['platform']],
    ['an APNs token that is not hexadecimal', { platform: 'apns', token: 'z'.repeat(64) }, ['token']],
    ['an FCM token with spaces', { platform: 'fcm', token: 'not a token at all, no' }, ['token']],
    ['a token that is not a string', { platform: 'fcm', token: 12345 }, ['token']],
    ['an unknown field', { platform: 'fcm', token: 'abcdefghijklmnopqrstuvwxyz', userId: 'x' }, ['userId']],
  ])('refuses a device with %s: 400 naming the field', async (_, body, fields) => {
    const response = await api<ErrorBody>('POST', '/notifications/devices', { user: alice, body });

    expect(response.status).toBe(400);
    expect(fieldsOf(response.body)).toEqual(fields);
  });

  it('refuses a malformed inbox cursor and an out-of-range limit', async () => {
    const badCursor = await api<ErrorBody>('GET', '/notifications?cursor=%7Bnot-a-cursor', { user: alice });
    const badLimit = await api<ErrorBody>('GET', '/notifications?limit=1000', { user: alice });

    expect([badCursor.status, fieldsOf(badCursor.body)]).toEqual([400, ['cursor']]);
    expect([badLimit.status, fieldsOf(badLimit.body)]).toEqual([400, ['limit']]);
  });

  it('answers an empty inbox for a new user', async () => {
    const user = await signedInUser();

    expect(await expectStatus(200, 'GET', '/notifications', { user })).toEqual({
      items: [],
      nextCursor: null,
    });
  });
});
