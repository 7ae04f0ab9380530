import fc from 'fast-check';
import {
  api,
  createRoom,
  expectStatus,
  joinRoom,
  openDm,
  sendMessage,
  signedInUsers,
  TEST_PASSWORD,
  type SignedInUser,
} from '@chat/testing';
import {
  batchOf,
  bounded,
  closeHttpAgent,
  contentType,
  expectContractAnswers,
  forgedCursor,
  hugeText,
  idLike,
  MAX_REQUEST_LINE_AND_HEADER_BYTES,
  MAX_URI_LENGTH,
  pathSegment,
  percentEncode,
  queryString,
  requestBody,
  requestLineAndHeaderBytes,
  sendAll,
  tallyLines,
  testTimeoutFor,
  unicodeText,
  type RawRequest,
} from './fuzz-support';

// A bounded property-based fuzz of every HTTP route against the local stack (issue 12: "0 × 5xx over the
// fuzz"). For each route, fast-check sends batches of 1 to 4 concurrent requests (or one request 3 times at
// once, for races) with arbitrary path ids (junk, huge, unicode, traversal, broken escapes, ids of things that
// do not exist, real ids the caller may not see), query strings (page sizes, forged cursors, id lists), bodies
// (any JSON, the route's own fields with right and wrong values, extra fields, text that is no JSON, invalid
// UTF-8, up to 1 MB) and credentials (a signed-in user mostly, another user, none, garbage). Half the requests
// are plausible (real ids, right kinds) so the deep paths are reached too. Every answer must be under 500, a 4xx
// must carry the contract's error body with its status's code, and no answer may show an internal. Requests stay
// within API Gateway's 10,240 bytes of request line and headers (larger ones never reach a route).
//
// Fixed seeds: a failure names its seed and the shrunk counterexample, and replays as it is. FUZZ_RUNS=<n>
// multiplies the runs, FUZZ_SEED=<n> changes the seeds, FUZZ_COLLECT=<file> writes every failing case down and
// goes on (a survey), FUZZ_VERBOSE=1 prints the answers by route and status.

/** Runs per route; each run sends 1 to 4 requests at once. */
const RUNS_PER_ROUTE = 16;
/** Far above what a route takes (a few seconds): only a stuck stack or a long shrink reaches it. */
const ROUTE_TIME_LIMIT_MS = 30_000;

interface RouteSpec {
  method: string;
  /** `{name}` segments take arbitrary ids (real ones of that kind among them). */
  path: string;
  query?: readonly string[];
  /** The body's fields with values of the right kind (the fuzz mixes in wrong ones). */
  body?: (fixture: Fixture) => Record<string, fc.Arbitrary<unknown>>;
  /** Whose token the route is called with (POST /auth/logout revokes it: a user of its own). */
  caller?: 'alice' | 'leaver';
}

interface Fixture {
  alice: SignedInUser;
  bob: SignedInUser;
  leaver: SignedInUser;
  ids: Record<string, string[]>;
  cursors: string[];
}

let fixture: Fixture;
let sent = 0;

function tampered(token: string): string {
  const at = Math.floor(token.length / 2);
  return `${token.slice(0, at)}${token[at] === 'A' ? 'B' : 'A'}${token.slice(at + 1)}`;
}

function authorization(caller: SignedInUser, other: SignedInUser): fc.Arbitrary<string | undefined> {
  const printable = fc.string({
    unit: fc.constantFrom(...'abcXYZ019-_.=+/ !"#$%&*:;<>?@[]{}|~'),
    maxLength: 60,
  });
  const noneJwt = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(
    JSON.stringify({ sub: caller.userId, token_use: 'access', exp: 4102444800 }),
  ).toString('base64url')}.`;
  return fc.oneof(
    { weight: 12, arbitrary: fc.constant(`Bearer ${caller.accessToken}`) },
    { weight: 2, arbitrary: fc.constant(`Bearer ${other.accessToken}`) },
    { weight: 2, arbitrary: fc.constant(undefined) },
    {
      weight: 4,
      arbitrary: fc.oneof(
        fc.constantFrom(
          'Bearer',
          'Bearer ',
          'bearer  ',
          `bearer ${caller.accessToken}`,
          `Bearer ${caller.idToken}`,
          `Bearer ${caller.refreshToken}`,
          `Bearer ${tampered(caller.accessToken)}`,
          `Bearer ${caller.accessToken}x`,
          `Bearer ${caller.accessToken.split('.').slice(0, 2).join('.')}.`,
          `Bearer ${noneJwt}`,
          `Basic ${Buffer.from('alice:secret').toString('base64')}`,
          caller.accessToken,
          `Bearer ${caller.accessToken} ${caller.accessToken}`,
          'Bearer eyJ.eyJ.eyJ',
          `Bearer ${'a'.repeat(8_000)}`,
        ),
        printable.map((junk) => `Bearer ${junk}`),
        printable,
      ),
    },
  );
}

/** Query values of the right kind for the known keys (junk of every kind comes from `queryString`). */
function plausibleQueryValue(key: string): fc.Arbitrary<string> {
  const { ids, cursors } = fixture;
  const list = (kind: string) =>
    fc
      .array(fc.oneof(fc.constantFrom(...(ids[kind] ?? [])), fc.ulid()), { minLength: 1, maxLength: 110 })
      .map((items) => items.join(','));
  const page = fc.oneof(fc.integer({ min: -1, max: 250 }), fc.constantFrom(1, 100, 101, 200, 201));
  const byKey: Record<string, fc.Arbitrary<string>> = {
    limit: page.map(String),
    since: fc.oneof(fc.integer({ min: -1, max: 10 }), fc.constant(2 ** 53)).map(String),
    cursor: fc.oneof(
      cursors.length > 0 ? fc.constantFrom(...cursors) : fc.constant('x'),
      forgedCursor(Object.values(ids).flat()),
    ),
    before: fc.oneof(fc.constantFrom(...(ids.messageId ?? [])), fc.ulid()),
    after: fc.oneof(fc.constantFrom(...(ids.messageId ?? [])), fc.ulid()),
    roomIds: list('roomId'),
    userIds: list('userId'),
    prefix: fc.oneof(
      fc.constantFrom(fixture.alice.username.slice(0, 4), 'user', ''),
      fc.string({ maxLength: 40 }),
    ),
  };
  return (byKey[key] ?? fc.string({ maxLength: 20 })).map(percentEncode);
}

/**
 * The route's requests, half of them plausible (real ids, the known query keys, the body's fields all of the
 * right kind, JSON, the caller's token: they reach the deep paths, with edge values), half junk (every part
 * arbitrary).
 */
function requests(route: RouteSpec): fc.Arbitrary<RawRequest> {
  const { alice, bob, leaver, ids, cursors } = fixture;
  const caller = route.caller === 'leaver' ? leaver : alice;
  const realIds = Object.values(ids).flat();
  const fields = route.body?.(fixture) ?? {};
  /** The route's path with `{param}` segments from `segment`. */
  const path = (segment: (param: string) => fc.Arbitrary<string>) =>
    fc
      .tuple(
        ...route.path.split('/').map((part) => {
          const param = /^\{(\w+)\}$/.exec(part)?.[1];
          return param === undefined ? fc.constant(part) : segment(param);
        }),
      )
      .map((parts) => parts.join('/'));
  const plausible = fc.record({
    path: path((param) =>
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...(ids[param] ?? realIds)) },
        { weight: 1, arbitrary: fc.ulid() },
      ),
    ),
    query: fc
      .subarray([...(route.query ?? [])])
      .chain((keys) =>
        fc.tuple(...keys.map((key) => plausibleQueryValue(key).map((value) => `${key}=${value}`))),
      )
      .map((pairs) => (pairs.length === 0 ? null : pairs.join('&'))),
    body:
      Object.keys(fields).length === 0
        ? fc.constant(undefined)
        : fc.record(fields).map((body) => Buffer.from(JSON.stringify(body), 'utf8')),
    contentType: fc.constant<string | undefined>('application/json'),
    authorization: fc.constant<string | undefined>(`Bearer ${caller.accessToken}`),
  });
  const junk = fc.record({
    path: path((param) => pathSegment(ids[param] ?? realIds)),
    query: fc.option(queryString(route.query ?? [], [...realIds, ...cursors]), { freq: 2 }),
    body: requestBody(fields, realIds),
    contentType,
    authorization: authorization(caller, bob),
  });
  return (
    fc
      .oneof(plausible, junk)
      .map(({ path: target, query, body, contentType: type, authorization: auth }) => ({
        method: route.method,
        path: query === null ? target : `${target}?${query}`,
        headers: {
          ...(type === undefined ? {} : { 'content-type': type }),
          ...(auth === undefined ? {} : { authorization: auth }),
        },
        ...(body === undefined ? {} : { body }),
      }))
      // Larger requests reach no route: API Gateway answers them itself (414, 431), not in the contract's shape.
      .filter(
        (request) =>
          request.path.length <= MAX_URI_LENGTH &&
          requestLineAndHeaderBytes(request) <= MAX_REQUEST_LINE_AND_HEADER_BYTES,
      )
  );
}

/** For each route: every answer to every fuzzed batch keeps the contract. */
async function fuzz(route: RouteSpec): Promise<void> {
  await fc.assert(
    fc.asyncProperty(batchOf(requests(route)), async (batch) => {
      sent += batch.length;
      expectContractAnswers(batch, await sendAll(`${route.method} ${route.path}`, batch));
    }),
    bounded(`${route.method} ${route.path}`, RUNS_PER_ROUTE, ROUTE_TIME_LIMIT_MS),
  );
}

// Field values of the right kind, mostly valid and at times at or past a limit (the fuzz mixes in values of
// the wrong kind too).
const mostly = <T>(valid: fc.Arbitrary<T>, ...edges: fc.Arbitrary<T>[]) =>
  fc.oneof({ weight: 3, arbitrary: valid }, ...edges.map((edge) => ({ weight: 1, arbitrary: edge })));
/** Text of up to `max` characters, at times unicode of every kind or past `max` (in 1- to 4-byte characters). */
const text = (max: number) =>
  mostly(
    fc.string({ minLength: 1, maxLength: Math.min(max, 200) }),
    unicodeText(max),
    hugeText(max, 4 * max + 50),
  );
const usernames = mostly(
  fc.stringMatching(/^[a-z0-9_.-]{3,32}$/),
  fc.constantFrom(' ', '\r\n\t', 'ab', 'jürgen', 'A'.repeat(5_000), 'Admin', ' alice '),
  text(40),
);
const passwords = mostly(fc.constant(TEST_PASSWORD), fc.string({ maxLength: 300 }), unicodeText(20));
const real = (f: Fixture, kind: string) => fc.constantFrom(...(f.ids[kind] ?? []));

/** Every route of the HTTP API, by service; the routes that take things away from the fuzzing users last. */
const ROUTES: RouteSpec[] = [
  {
    method: 'POST',
    path: '/auth/register',
    body: () => ({ username: usernames, email: mostly(fc.emailAddress(), text(300)), password: passwords }),
  },
  {
    method: 'POST',
    path: '/auth/confirm',
    body: () => ({ username: usernames, code: mostly(fc.stringMatching(/^\d{6}$/), text(100)) }),
  },
  {
    method: 'POST',
    path: '/auth/login',
    body: (f) => ({ username: mostly(fc.constant(f.alice.username), usernames), password: passwords }),
  },
  {
    method: 'POST',
    path: '/auth/refresh',
    body: (f) => ({
      refreshToken: mostly(
        fc.constant(f.alice.refreshToken),
        fc.constantFrom(f.alice.accessToken, f.alice.refreshToken.slice(0, -2)),
        text(9_000),
      ),
    }),
  },
  { method: 'GET', path: '/users/me' },
  { method: 'PATCH', path: '/users/me', body: () => ({ displayName: text(120) }) },
  { method: 'GET', path: '/users', query: ['prefix', 'limit'] },

  {
    method: 'POST',
    path: '/rooms',
    body: () => ({
      name: text(110),
      visibility: mostly(fc.constantFrom('public', 'private'), fc.constantFrom('PUBLIC', 'secret')),
      topic: text(520),
    }),
  },
  { method: 'GET', path: '/rooms', query: ['limit', 'cursor'] },
  { method: 'GET', path: '/rooms/mine', query: ['limit', 'cursor'] },
  { method: 'GET', path: '/rooms/{roomId}' },
  { method: 'PATCH', path: '/rooms/{roomId}', body: () => ({ name: text(110), topic: text(520) }) },
  { method: 'POST', path: '/rooms/{roomId}/members', body: (f) => ({ userId: real(f, 'userId') }) },
  { method: 'GET', path: '/rooms/{roomId}/members', query: ['limit', 'cursor'] },
  { method: 'POST', path: '/dms', body: (f) => ({ userId: real(f, 'userId') }) },

  {
    method: 'POST',
    path: '/rooms/{roomId}/messages',
    body: (f) => ({
      text: mostly(text(4_000), fc.constant(`@${f.bob.username} @${f.alice.username} hi`)),
      clientMessageId: mostly(fc.ulid(), text(128)),
      attachmentIds: mostly(
        fc.array(real(f, 'attachmentId'), { maxLength: 1 }),
        fc.array(fc.oneof(real(f, 'attachmentId'), fc.ulid()), { maxLength: 12 }),
      ),
      threadId: real(f, 'messageId'),
    }),
  },
  { method: 'GET', path: '/rooms/{roomId}/messages', query: ['limit', 'before', 'after'] },
  { method: 'GET', path: '/rooms/{roomId}/changes', query: ['since', 'limit'] },
  { method: 'PATCH', path: '/rooms/{roomId}/messages/{messageId}', body: () => ({ text: text(4_000) }) },
  {
    method: 'POST',
    path: '/rooms/{roomId}/attachments',
    body: () => ({
      fileName: mostly(text(255), fc.constantFrom('../../etc/passwd', 'a\u0000.txt', '', 'CON', '.')),
      contentType: mostly(
        fc.constantFrom('image/png', 'text/plain', 'application/pdf', 'image/jpeg; charset=x'),
        fc.constantFrom('text/html', 'image/svg+xml', 'image/', 'application/x-msdownload'),
        text(300),
      ),
      size: mostly(
        fc.integer({ min: 1, max: 25 * 1024 * 1024 }),
        fc.constantFrom(0, -1, 1.5, 25 * 1024 * 1024 + 1, Number.MAX_SAFE_INTEGER, 1e300),
      ),
    }),
  },
  { method: 'GET', path: '/rooms/{roomId}/attachments/{attachmentId}' },
  { method: 'PUT', path: '/rooms/{roomId}/read', body: (f) => ({ messageId: real(f, 'messageId') }) },
  { method: 'GET', path: '/rooms/{roomId}/unread' },
  { method: 'GET', path: '/unread', query: ['roomIds'] },
  { method: 'GET', path: '/rooms/{roomId}/receipts', query: ['limit', 'cursor'] },

  { method: 'GET', path: '/presence', query: ['userIds'] },
  { method: 'GET', path: '/notifications', query: ['limit', 'cursor'] },
  { method: 'GET', path: '/notifications/preferences' },
  {
    method: 'PUT',
    path: '/notifications/preferences',
    body: (f) => ({
      email: fc.boolean(),
      push: fc.boolean(),
      mutedRoomIds: mostly(
        fc.uniqueArray(fc.oneof(real(f, 'roomId'), fc.ulid()), { maxLength: 20 }),
        fc.array(fc.oneof(real(f, 'roomId'), fc.ulid(), idLike(1, 300)), { maxLength: 520 }),
      ),
    }),
  },
  {
    method: 'POST',
    path: '/notifications/devices',
    body: () => ({
      platform: mostly(fc.constantFrom('apns', 'fcm'), fc.constantFrom('web', 'APNS')),
      token: mostly(
        fc.oneof(
          fc.stringMatching(/^(?:[0-9a-f]{2}){32,100}$/),
          fc.stringMatching(/^[A-Za-z0-9_:-]{20,300}$/),
        ),
        text(5_000),
      ),
    }),
  },
  ...['auth', 'rooms', 'realtime', 'messaging', 'notifications'].map((service) => ({
    method: 'GET',
    path: `/health/${service}`,
  })),

  { method: 'DELETE', path: '/rooms/{roomId}/messages/{messageId}' },
  {
    method: 'PATCH',
    path: '/rooms/{roomId}/members/{userId}',
    body: () => ({ role: mostly(fc.constantFrom('admin', 'member'), fc.constantFrom('owner', 'ADMIN')) }),
  },
  { method: 'DELETE', path: '/rooms/{roomId}/members/{userId}' },
  {
    method: 'POST',
    path: '/auth/logout',
    caller: 'leaver',
    body: (f) => ({ refreshToken: mostly(fc.constant(f.leaver.refreshToken), text(9_000)) }),
  },
];

/** A cursor of each kind of listing that has a next page (the fuzz forges others from them). */
async function realCursors(alice: SignedInUser, roomId: string): Promise<string[]> {
  const listings = [
    '/rooms?limit=1',
    `/rooms/${roomId}/members?limit=1`,
    `/rooms/${roomId}/receipts?limit=1`,
  ];
  const pages = await Promise.all(
    listings.map((path) => api<{ nextCursor?: string | null }>('GET', path, { user: alice })),
  );
  return pages.flatMap((page) => (typeof page.body?.nextCursor === 'string' ? [page.body.nextCursor] : []));
}

beforeAll(async () => {
  const [alice, bob, leaver] = (await signedInUsers(3)) as [SignedInUser, SignedInUser, SignedInUser];
  // alice's public room, which bob joined; bob's private room, which alice may not see; their DM.
  const shared = await createRoom(alice);
  const second = await createRoom(alice, { visibility: 'private' });
  const hidden = await createRoom(bob, { visibility: 'private' });
  await joinRoom(shared.roomId, bob);
  const dm = await openDm(alice, bob.userId);
  const mine = await sendMessage(shared.roomId, alice, `hello @${bob.username}`);
  const bobs = await sendMessage(shared.roomId, bob, `hello @${alice.username}`);
  const secret = await sendMessage(hidden.roomId, bob, 'not for alice');
  const direct = await sendMessage(dm.roomId, bob, 'a direct message');
  // Two read markers and two members: receipts and members have a next page (their cursors seed the forged ones).
  await expectStatus(204, 'PUT', `/rooms/${shared.roomId}/read`, {
    user: alice,
    body: { messageId: mine.messageId },
  });
  await expectStatus(204, 'PUT', `/rooms/${shared.roomId}/read`, {
    user: bob,
    body: { messageId: bobs.messageId },
  });
  const { attachmentId } = await expectStatus<{ attachmentId: string }>(
    201,
    'POST',
    `/rooms/${shared.roomId}/attachments`,
    { user: alice, body: { fileName: 'a.txt', contentType: 'text/plain', size: 5 } },
  );
  fixture = {
    alice,
    bob,
    leaver,
    ids: {
      roomId: [shared.roomId, second.roomId, hidden.roomId, dm.roomId],
      messageId: [mine.messageId, bobs.messageId, secret.messageId, direct.messageId],
      userId: [alice.userId, bob.userId, leaver.userId, 'me'],
      attachmentId: [attachmentId],
    },
    cursors: await realCursors(alice, shared.roomId),
  };
});

afterAll(() => {
  closeHttpAgent();
  if (process.env.FUZZ_VERBOSE) console.log(`http fuzz: ${sent} requests\n${tallyLines()}`);
});

describe('every HTTP route under fuzzed input: < 500, the contract error body, no internals', () => {
  it.each(ROUTES.map((route) => [`${route.method} ${route.path}`, route] as const))(
    '%s',
    (_, route) => fuzz(route),
    testTimeoutFor(ROUTE_TIME_LIMIT_MS),
  );
});
