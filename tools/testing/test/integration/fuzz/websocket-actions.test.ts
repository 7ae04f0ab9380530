import WebSocket from 'ws';
import fc from 'fast-check';
import {
  closeAllSockets,
  connect,
  createRoom,
  joinRoom,
  localStack,
  openDm,
  signedInUsers,
  type SignedInUser,
  type TestSocket,
} from '@chat/testing';
import {
  bounded,
  CODES_BY_STATUS,
  errorObjectProblems,
  hugeText,
  leaksIn,
  percentEncode,
  RAW_ESCAPES,
  reportFailures,
  tally,
  tallyLines,
  testTimeoutFor,
  TRICKY,
  unicodeText,
} from './fuzz-support';

// A bounded property-based fuzz of the WebSocket API against the local stack (issue 12). Frames of every kind
// (text that is no JSON, JSON that is no object, objects without or with an unknown action, each action with
// junk fields, frames around and over the 32 KB frame limit) go over real sockets of a signed-in user: each one
// that calls for an answer gets one (an error frame with the contract's shape, a pong, an ack), the socket stays
// open and answers a ping afterwards, and nothing shows an internal. Binary and non-UTF-8 frames close the
// socket as API Gateway does (1003, 1007), and only that socket. Handshakes with junk tokens and query strings
// are refused with 401 and the contract's error body, never 500. Fixed seeds, bounded runs.

const FRAME_RUNS = 90;
const CLOSING_RUNS = 8;
const HANDSHAKE_RUNS = 30;
/** Sockets the frames of a run are spread over (each handles its own frames in order). */
const SOCKETS = 3;
const ANSWER_TIMEOUT_MS = 15_000;
/** Far above what a property takes (seconds): only a stuck stack or a long shrink reaches it. */
const PROPERTY_TIME_LIMIT_MS = 60_000;
const MAX_FRAME_BYTES = 32 * 1024;
/** API Gateway's message limit: larger messages close the connection (1009) before any route sees them. */
const MAX_MESSAGE_BYTES = 128 * 1024;
const ROUTE_ACTIONS = ['ping', 'typing', 'sendMessage'];
const ID = /^[A-Za-z0-9_-]{1,128}$/;
/** Frames the server pushes on its own (events), which answer no client frame. */
const EVENT_TYPES = new Set([
  'message.sent',
  'message.edited',
  'message.deleted',
  'reaction.changed',
  'member.joined',
  'member.left',
  'presence.changed',
  'typing',
  'read.updated',
  'notification',
]);
const FRAME_CODES = ['BAD_FRAME', ...Object.values(CODES_BY_STATUS).flat()];

let alice: SignedInUser;
let carol: SignedInUser;
let memberRooms: string[];
let realRoomIds: string[];
let sockets: TestSocket[];
let framesSent = 0;
let handshakes = 0;

/** What a frame calls for, read as API Gateway routes it (`$request.body.action`, else `$default`). */
type Expected = 'error' | 'pong' | 'answer' | 'none';

function routeOf(text: string): string {
  let frame: unknown;
  try {
    frame = JSON.parse(text);
  } catch {
    return '$default';
  }
  if (typeof frame !== 'object' || frame === null || Array.isArray(frame)) return '$default';
  const { action } = frame as { action?: unknown };
  const key = ['string', 'number', 'boolean'].includes(typeof action) ? String(action) : '';
  return ROUTE_ACTIONS.includes(key) ? key : '$default';
}

function expectedFor(text: string): Expected {
  const route = routeOf(text);
  // sendMessage answers every frame itself (ack or error), an oversized one too.
  if (route === 'sendMessage') return 'answer';
  if (Buffer.byteLength(text, 'utf8') > MAX_FRAME_BYTES) return 'error';
  if (route === 'ping') return 'pong';
  if (route === 'typing') {
    const { roomId } = JSON.parse(text) as { roomId?: unknown };
    return typeof roomId === 'string' && ID.test(roomId) && memberRooms.includes(roomId) ? 'none' : 'error';
  }
  return 'error';
}

// ---- frames ----------------------------------------------------------------------------------------------------

const junkAction = fc
  .oneof(
    fc.constantFrom(
      'PING',
      'Typing',
      'sendmessage',
      ' ping',
      'ping ',
      '$default',
      '$connect',
      '$disconnect',
      '',
    ),
    fc.string({ maxLength: 20 }),
    unicodeText(20),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.constant('ping'), { maxLength: 2 }),
    fc.constant({ action: 'ping' }),
    hugeText(100, 5_000),
  )
  .filter((action) => !ROUTE_ACTIONS.includes(String(action)));

function fieldValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...realRoomIds) },
    { weight: 1, arbitrary: fc.ulid() },
    { weight: 2, arbitrary: fc.string({ maxLength: 60 }) },
    { weight: 1, arbitrary: unicodeText(40) },
    { weight: 1, arbitrary: fc.constantFrom(...TRICKY, ' ', '', 'ROOM#1') },
    { weight: 1, arbitrary: hugeText(129, 6_000) },
    { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null)) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  );
}

/** A JSON object frame: a route's action (or junk) with its fields, right or wrong, and extra ones. */
function objectFrame(): fc.Arbitrary<Record<string, unknown>> {
  const text = fc.oneof(
    { weight: 3, arbitrary: fc.string({ minLength: 1, maxLength: 200 }) },
    { weight: 1, arbitrary: unicodeText(100) },
    { weight: 1, arbitrary: hugeText(4_000, 20_000) },
    { weight: 1, arbitrary: fc.constant(`@${alice.username} hi`) },
    { weight: 1, arbitrary: fieldValue() },
  );
  return fc
    .tuple(
      fc.record(
        {
          action: fc.oneof(
            { weight: 3, arbitrary: fc.constantFrom(...ROUTE_ACTIONS) },
            { weight: 1, arbitrary: junkAction },
          ),
          roomId: fc.oneof(
            { weight: 3, arbitrary: fc.constantFrom(...realRoomIds) },
            { weight: 2, arbitrary: fieldValue() },
          ),
          text,
          clientMessageId: fc.oneof(
            { weight: 3, arbitrary: fc.ulid() },
            { weight: 1, arbitrary: fieldValue() },
          ),
          attachmentIds: fc.oneof(fc.array(fc.ulid(), { maxLength: 12 }), fieldValue()),
          threadId: fieldValue(),
        },
        { requiredKeys: ['action'] },
      ),
      fc.option(
        fc.dictionary(
          fc.constantFrom(
            'senderId',
            'userId',
            'type',
            'eventId',
            'message',
            '__proto__',
            'constructor',
            'x',
          ),
          fieldValue(),
          { maxKeys: 3 },
        ),
        { freq: 3 },
      ),
    )
    .map(([frame, extra]) => ({ ...frame, ...(extra ?? {}) }));
}

/** A frame of a route that should succeed (a send, a typing hint to a room of hers), at times with an extra field. */
function plausibleFrame(): fc.Arbitrary<Record<string, unknown>> {
  const room = fc.constantFrom(...memberRooms);
  const extra = fc.option(
    fc.dictionary(fc.constantFrom('senderId', 'x', 'threadId'), fieldValue(), { maxKeys: 1 }),
    {
      freq: 2,
    },
  );
  const send = fc.record({
    action: fc.constant('sendMessage'),
    roomId: room,
    text: fc.oneof(
      fc.string({ minLength: 1, maxLength: 300 }),
      unicodeText(100),
      fc.constant(`@${alice.username}`),
    ),
    clientMessageId: fc.oneof(fc.ulid(), fc.string({ minLength: 1, maxLength: 128 })),
  });
  const typing = fc.record({ action: fc.constant('typing'), roomId: room });
  return fc.tuple(fc.oneof(send, typing), extra).map(([frame, more]) => ({ ...frame, ...(more ?? {}) }));
}

/** `frame` padded with a `pad` field to exactly `bytes` bytes of UTF-8 (or as is, if it is larger already). */
function padded(frame: Record<string, unknown>, bytes: number): string {
  const base = JSON.stringify({ ...frame, pad: '' });
  const missing = bytes - Buffer.byteLength(base, 'utf8');
  return missing <= 0 ? base : JSON.stringify({ ...frame, pad: 'x'.repeat(missing) });
}

/** Text frames of every kind (as sent; the expectation is read from the text itself). */
function textFrame(): fc.Arbitrary<string> {
  const notJson = fc.oneof(
    fc.constantFrom(
      '{',
      '{"action":',
      '{"action":"ping"',
      "{'action':'ping'}",
      'ping',
      ' ',
      '',
      '\u0000',
      '\ufeff{}',
    ),
    fc.constantFrom(...RAW_ESCAPES, ...TRICKY),
    fc.string({ maxLength: 100 }),
    unicodeText(60),
  );
  const notObject = fc
    .oneof(fc.jsonValue({ maxDepth: 2 }), fc.array(fc.constant({ action: 'ping' }), { maxLength: 2 }))
    .filter((value) => typeof value !== 'object' || value === null || Array.isArray(value))
    .map((value) => JSON.stringify(value));
  const deep = fc
    .integer({ min: 100, max: 10_000 })
    .map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`);
  const sizes = fc.oneof(
    fc.constantFrom(MAX_FRAME_BYTES - 1, MAX_FRAME_BYTES, MAX_FRAME_BYTES + 1),
    fc.integer({ min: MAX_FRAME_BYTES + 1, max: MAX_MESSAGE_BYTES - 1_024 }),
  );
  return fc.oneof(
    { weight: 2, arbitrary: notJson },
    { weight: 1, arbitrary: notObject },
    { weight: 1, arbitrary: deep },
    { weight: 6, arbitrary: objectFrame().map((frame) => JSON.stringify(frame)) },
    { weight: 3, arbitrary: plausibleFrame().map((frame) => JSON.stringify(frame)) },
    { weight: 2, arbitrary: fc.tuple(objectFrame(), sizes).map(([frame, bytes]) => padded(frame, bytes)) },
  );
}

// ---- the property over frames ----------------------------------------------------------------------------------

interface Since {
  messages: string[];
  answers: number;
  pongs: number;
}

function since(client: TestSocket, start: number): Since {
  const messages = client.messages.slice(start);
  const types = messages.map((message) => {
    try {
      return (JSON.parse(message) as { type?: unknown }).type;
    } catch {
      return undefined;
    }
  });
  return {
    messages,
    answers: types.filter((type) => type === 'error' || type === 'ack' || typeof type !== 'string').length,
    pongs: types.filter((type) => type === 'pong').length,
  };
}

async function waitFor(client: TestSocket, start: number, check: (seen: Since) => boolean): Promise<boolean> {
  const deadline = Date.now() + ANSWER_TIMEOUT_MS;
  while (Date.now() < deadline && client.socket.readyState === WebSocket.OPEN) {
    if (check(since(client, start))) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return check(since(client, start));
}

/** What is wrong with one message the server sent, or [] when nothing. */
function messageProblems(message: string, sentText: string): string[] {
  let frame: unknown;
  try {
    frame = JSON.parse(message);
  } catch {
    return ['a message that is not JSON'];
  }
  if (typeof frame !== 'object' || frame === null || Array.isArray(frame))
    return ['a frame that is no object'];
  const { type, error, clientMessageId, ...rest } = frame as Record<string, unknown>;
  const problems: string[] = [];
  if (type === 'error') {
    problems.push(...errorObjectProblems(error, FRAME_CODES));
    if (clientMessageId !== undefined && typeof clientMessageId !== 'string')
      problems.push('clientMessageId is not a string');
    const extra = Object.keys(rest).filter((key) => key !== 'eventId');
    if (extra.length > 0) problems.push(`the error frame has other fields: ${extra.join(', ')}`);
  } else if (type === 'ack') {
    if (typeof clientMessageId !== 'string' || typeof rest.message !== 'object')
      problems.push('an ack without clientMessageId and message');
  } else if (type !== 'pong' && !(typeof type === 'string' && EVENT_TYPES.has(type))) {
    problems.push('a frame of no contract type');
  }
  problems.push(
    ...leaksIn(message, sentText, type !== 'ack' && type !== 'pong' && !EVENT_TYPES.has(String(type))),
  );
  return problems;
}

/** Sends one socket's frames in order, each awaiting what it calls for, then a ping; returns what went wrong. */
async function exercise(client: TestSocket, frames: readonly string[]): Promise<string[]> {
  const start = client.messages.length;
  const failures: string[] = [];
  let answers = 0;
  let pongs = 0;
  for (const text of frames) {
    const expected = expectedFor(text);
    client.socket.send(text);
    framesSent += 1;
    if (expected === 'error' || expected === 'answer') answers += 1;
    if (expected === 'pong') pongs += 1;
    const got = await waitFor(client, start, (seen) => seen.answers >= answers && seen.pongs >= pongs);
    if (!got) failures.push(`no ${expected} for ${describeFrame(text)} (socket ${stateOf(client)})`);
  }
  client.socket.send(JSON.stringify({ action: 'ping' }));
  framesSent += 1;
  if (!(await waitFor(client, start, (seen) => seen.pongs > pongs)))
    failures.push(`no pong to the ping after the frames (socket ${stateOf(client)})`);
  const sentText = frames.join('\n');
  for (const message of since(client, start).messages) {
    tally('frames answered', answerKind(message));
    const problems = messageProblems(message, sentText);
    if (problems.length > 0) failures.push(`answer ${cut(message)}: ${problems.join('; ')}`);
  }
  return failures;
}

/** `pong`, `ack`, `error:CODE`, an event's type, or `other`. */
function answerKind(message: string): string {
  try {
    const frame = JSON.parse(message) as { type?: unknown; error?: { code?: unknown } };
    return frame.type === 'error' ? `error:${String(frame.error?.code)}` : String(frame.type);
  } catch {
    return 'other';
  }
}

const cut = (text: string) => (text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text);
const describeFrame = (text: string) => `${cut(JSON.stringify(text))} (${Buffer.byteLength(text)} bytes)`;
const stateOf = (client: TestSocket) =>
  ['connecting', 'open', 'closing', 'closed'][client.socket.readyState] ?? 'unknown';

/** A usable socket of alice for slot `index` (a new one if the last run closed it: that run has failed). */
async function socketFor(index: number): Promise<TestSocket> {
  const existing = sockets[index];
  if (existing && existing.socket.readyState === WebSocket.OPEN) return existing;
  const fresh = await connect(alice.accessToken);
  sockets[index] = fresh;
  return fresh;
}

// ---- handshakes ------------------------------------------------------------------------------------------------

interface Handshake {
  status: number;
  body: string;
}

/** Opens `ws://…/?<query>` with raw `query`; the status it was answered with (101 when accepted) and body. */
function handshake(query: string, headers: Record<string, string> = {}): Promise<Handshake> {
  handshakes += 1;
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${localStack().webSocket}/${query === '' ? '' : `?${query}`}`, { headers });
    socket.once('unexpected-response', (_request, response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
        socket.terminate();
      });
    });
    socket.once('open', () => {
      socket.close();
      resolve({ status: 101, body: '' });
    });
    socket.once('error', (error) => {
      if (!/Unexpected server response/.test(error.message)) reject(error);
    });
  });
}

function tampered(token: string): string {
  const at = Math.floor(token.length / 2);
  return `${token.slice(0, at)}${token[at] === 'A' ? 'B' : 'A'}${token.slice(at + 1)}`;
}

beforeAll(async () => {
  let bob: SignedInUser;
  [alice, bob, carol] = (await signedInUsers(3)) as [SignedInUser, SignedInUser, SignedInUser];
  const own = await createRoom(alice);
  const hidden = await createRoom(bob, { visibility: 'private' });
  const joined = await createRoom(bob);
  await joinRoom(joined.roomId, alice);
  const dm = await openDm(alice, bob.userId);
  memberRooms = [own.roomId, joined.roomId, dm.roomId];
  realRoomIds = [...memberRooms, hidden.roomId];
  sockets = [];
  for (let index = 0; index < SOCKETS; index += 1) await socketFor(index);
});

afterAll(async () => {
  await closeAllSockets();
  if (process.env.FUZZ_VERBOSE)
    console.log(`websocket fuzz: ${framesSent} frames, ${handshakes} handshakes\n${tallyLines()}`);
});

describe('the WebSocket API under fuzzed frames', () => {
  it(
    'answers every text frame that calls for it with a contract frame, stays open and answers a ping',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(textFrame(), { minLength: 1, maxLength: 6 }), async (frames) => {
          const shares = Array.from({ length: SOCKETS }, (_, index) =>
            frames.filter((_frame, at) => at % SOCKETS === index),
          );
          const failures = await Promise.all(
            shares.map(async (share, index) =>
              share.length === 0 ? [] : exercise(await socketFor(index), share),
            ),
          );
          reportFailures(failures.flat().map((text) => ({ text, record: { frames, failure: text } })));
        }),
        bounded('websocket frames', FRAME_RUNS, PROPERTY_TIME_LIMIT_MS),
      );
    },
    testTimeoutFor(PROPERTY_TIME_LIMIT_MS),
  );

  it(
    'closes a socket that sends a binary or non-UTF-8 frame as API Gateway does, and only that one',
    async () => {
      const closing = fc.oneof(
        fc
          .uint8Array({ minLength: 1, maxLength: 200 })
          .map((bytes) => ({ binary: true, bytes: Buffer.from(bytes) })),
        fc
          .constantFrom([0xff], [0xc3, 0x28], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80])
          .map((bytes) => ({
            binary: false,
            bytes: Buffer.concat([
              Buffer.from('{"action":"ping","x":"'),
              Buffer.from(bytes),
              Buffer.from('"}'),
            ]),
          })),
      );
      await fc.assert(
        fc.asyncProperty(closing, async ({ binary, bytes }) => {
          const client = await connect(alice.accessToken);
          client.socket.send(bytes, { binary });
          framesSent += 1;
          const { code } = await client.closed;
          tally('closing frames', code);
          const failures =
            code === (binary ? 1003 : 1007) ? [] : [`closed with ${code}, not ${binary ? 1003 : 1007}`];
          failures.push(...(await exercise(await socketFor(0), [])));
          reportFailures(
            failures.map((text) => ({
              text,
              record: { binary, bytes: bytes.toString('hex'), failure: text },
            })),
          );
        }),
        bounded('websocket closing frames', CLOSING_RUNS, PROPERTY_TIME_LIMIT_MS),
      );
    },
    testTimeoutFor(PROPERTY_TIME_LIMIT_MS),
  );
});

describe('the WebSocket handshake under fuzzed tokens and query strings', () => {
  it(
    'refuses every token that is not a valid access token with 401 and the contract error body, never 500',
    async () => {
      const valid = () => carol.accessToken;
      const token = fc.oneof(
        { weight: 1, arbitrary: fc.constant(valid()) },
        {
          weight: 6,
          arbitrary: fc.oneof(
            fc.constantFrom(
              '',
              ' ',
              'null',
              'undefined',
              `Bearer ${valid()}`,
              tampered(valid()),
              `${valid()}x`,
              valid().split('.').slice(0, 2).join('.'),
              carol.idToken,
              carol.refreshToken,
              'eyJ.eyJ.eyJ',
              'a'.repeat(7_000),
            ),
            fc.string({ maxLength: 100 }),
            unicodeText(40),
            fc.base64String({ maxLength: 400 }),
          ),
        },
      );
      const pair = fc.oneof(
        { weight: 4, arbitrary: token.map((value) => `token=${percentEncode(value)}`) },
        { weight: 1, arbitrary: fc.constantFrom(...RAW_ESCAPES).map((raw) => `token=${raw}`) },
        {
          weight: 1,
          arbitrary: fc.constantFrom('token', 'Token=x', 'access_token=x', 'token[]=x', '=x', '&', '%ZZ'),
        },
        {
          weight: 1,
          arbitrary: fc
            .tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 30 }))
            .map(([key, value]) => `${percentEncode(key)}=${percentEncode(value)}`),
        },
      );
      const attempt = fc.record({
        query: fc.array(pair, { maxLength: 3 }).map((pairs) => pairs.join('&')),
        authorization: fc.option(fc.constant(`Bearer ${valid()}`), { freq: 4 }),
      });
      await fc.assert(
        fc.asyncProperty(fc.array(attempt, { minLength: 1, maxLength: 2 }), async (attempts) => {
          const answers = await Promise.all(
            attempts.map(({ query, authorization }) =>
              handshake(query, authorization === null ? {} : { authorization }),
            ),
          );
          const failures = attempts.flatMap(({ query }, index) => {
            const { status, body } = answers[index] as Handshake;
            tally('handshakes', status);
            // A repeated parameter: the last value is the one the route gets (as in API Gateway's event).
            const onlyValid = new URLSearchParams(query).getAll('token').at(-1) === valid();
            const problems: string[] = [];
            if (status >= 500) problems.push(`status ${status}`);
            else if (status === 101 && !onlyValid) problems.push('accepted without a valid token');
            else if (status !== 101 && status !== 401 && !(status === 429 && onlyValid))
              problems.push(`status ${status}, not 401`);
            if (status !== 101) {
              try {
                const parsed = JSON.parse(body) as { error?: unknown };
                problems.push(...errorObjectProblems(parsed.error, ['UNAUTHENTICATED', 'RATE_LIMITED']));
              } catch {
                problems.push(`a refusal body that is not JSON: ${cut(body)}`);
              }
              problems.push(...leaksIn(body, query, true));
            }
            return problems.length === 0
              ? []
              : [
                  {
                    text: `?${cut(query)} → ${status} ${cut(body)}: ${problems.join('; ')}`,
                    record: { query, status, body, problems },
                  },
                ];
          });
          reportFailures(failures);
        }),
        bounded('websocket handshakes', HANDSHAKE_RUNS, PROPERTY_TIME_LIMIT_MS),
      );
    },
    testTimeoutFor(PROPERTY_TIME_LIMIT_MS),
  );
});
