import { appendFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import fc from 'fast-check';
import { localStack } from '@chat/testing';

/**
 * Shared by the fuzz tests: raw HTTP requests (any path bytes, any body bytes, any headers), the contract's
 * error shape, and what must never reach a client (docs/api.md "Errors": a generic message for 5xx only, never
 * a stack trace, an AWS error name or an internal table name).
 */

/** One request as sent on the wire: `path` is the raw request target (already percent-encoded as wanted). */
export interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

// A new connection per request: a reused keep-alive socket the server has just closed would fail a request.
const agent = new Agent({ keepAlive: false });

/** Closes what is left of the connections (call in afterAll). */
export function closeHttpAgent(): void {
  agent.destroy();
}

/** Sends `request` to the stack's HTTP API through node:http, so nothing normalizes the path or the body. */
export function send(request: RawRequest, timeoutMs = 30_000): Promise<RawResponse> {
  const base = new URL(localStack().http);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method: request.method,
        path: request.path,
        headers: {
          ...request.headers,
          ...(request.body === undefined ? {} : { 'content-length': String(request.body.length) }),
        },
        timeout: timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}

/**
 * 1 to 4 requests sent at once (the fuzz's concurrency), or one request 3 times at once (races: the same
 * idempotent join, DM, read marker or clientMessageId together).
 */
export function batchOf<T>(one: fc.Arbitrary<T>): fc.Arbitrary<T[]> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.array(one, { minLength: 1, maxLength: 4 }) },
    { weight: 1, arbitrary: one.map((item) => [item, item, item]) },
  );
}

/** Answers by kind (status, frame type or code), per route: what the fuzz reached (shown with FUZZ_VERBOSE=1). */
const answerTally = new Map<string, Map<string, number>>();

export function tally(name: string, kind: number | string): void {
  const counts = answerTally.get(name) ?? new Map<string, number>();
  counts.set(String(kind), (counts.get(String(kind)) ?? 0) + 1);
  answerTally.set(name, counts);
}

/** The tally in one line per name: `GET /rooms: 200×12 400×20 …`. */
export function tallyLines(): string {
  return [...answerTally]
    .map(([name, counts]) => {
      const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
      const byKind = [...counts]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([kind, count]) => `${kind}×${count}`);
      return `${name} (${total}): ${byKind.join(' ')}`;
    })
    .join('\n');
}

/** Sends a few requests at once (the fuzz's concurrency); answers in order, tallied under `name`. */
export async function sendAll(name: string, requests: readonly RawRequest[]): Promise<RawResponse[]> {
  const responses = await Promise.all(requests.map((request) => send(request)));
  for (const response of responses) tally(name, response.status);
  return responses;
}

/** The contract's code for each 4xx status (docs/api.md "Errors"). */
export const CODES_BY_STATUS: Record<number, readonly string[]> = {
  400: ['VALIDATION_FAILED', 'BAD_JSON'],
  401: ['UNAUTHENTICATED'],
  403: ['FORBIDDEN'],
  404: ['NOT_FOUND'],
  409: ['CONFLICT'],
  413: ['PAYLOAD_TOO_LARGE'],
  429: ['RATE_LIMITED'],
};

/** Internals that must never be in an answer (tested only when the request did not carry the same text). */
const LEAKS_ANYWHERE: readonly [string, RegExp][] = [
  ['a stack frame', /\n\s+at \S|\bat (?:async )?\S+ \((?:\/|file:|node:)/],
  ['a source location', /\.(?:[cm]?[jt]s|java):\d+(?::\d+)?\b/],
  ['a file path', /(?:\/(?:work|var\/task|tmp|home|opt|usr\/lib)\/|node_modules|[A-Z]:\\)/],
  [
    'an AWS or JavaScript error name',
    /[A-Z][A-Za-z]+(?:Exception|Fault)\b|ConditionalCheckFailed|ResourceNotFound/,
  ],
  [
    'a JavaScript error',
    /\b(?:TypeError|ReferenceError|SyntaxError|RangeError|URIError)\b|Unexpected token|Cannot read propert/,
  ],
];

/** Internals that must not be in an error answer (a 2xx may carry a presigned URL that names its bucket). */
const LEAKS_IN_ERRORS: readonly [string, RegExp][] = [
  ['an AWS service name', /dynamo|cognito|eventbridge|\bsns\b|\bs3\b|lambda/i],
  ['an internal table name', /\bchat-(?:auth|rooms|messaging|notifications|realtime)-|[A-Z][a-z]+Table\b/],
  ['"undefined" or an unprinted object', /\bundefined\b|\[object \w+\]|\bNaN\b/],
];

/** What in `answer` looks like an internal (and is not an echo of something the request itself carried). */
export function leaksIn(answer: string, request: string, isError: boolean): string[] {
  const patterns = isError ? [...LEAKS_ANYWHERE, ...LEAKS_IN_ERRORS] : LEAKS_ANYWHERE;
  return patterns
    .filter(([, pattern]) => pattern.test(answer) && !pattern.test(request))
    .map(([what, pattern]) => `${what} (${pattern.exec(answer)?.[0] ?? ''})`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What is wrong with an error object `{code, message, details?}` against the contract, or [] when nothing. */
export function errorObjectProblems(error: unknown, allowedCodes?: readonly string[]): string[] {
  if (!isRecord(error)) return ['the error is not an object'];
  const problems: string[] = [];
  const { code, message, details, ...rest } = error;
  if (typeof code !== 'string' || !/^[A-Z][A-Z_]*$/.test(code)) problems.push('error.code is not a CODE');
  else if (allowedCodes && !allowedCodes.includes(code))
    problems.push(`error.code ${code} is not one of ${allowedCodes.join(', ')}`);
  if (typeof message !== 'string' || message.trim() === '') problems.push('error.message is not a text');
  if (details !== undefined) {
    const valid =
      Array.isArray(details) &&
      details.every(
        (detail) =>
          isRecord(detail) && typeof detail.field === 'string' && typeof detail.message === 'string',
      );
    if (!valid) problems.push('error.details is not a list of {field, message}');
  }
  const extra = Object.keys(rest).filter((key) => key !== 'retryAfter');
  if (extra.length > 0) problems.push(`error has other fields: ${extra.join(', ')}`);
  return problems;
}

/** A readable one-line form of a request for failure messages (long strings cut). */
export function describeRequest(request: RawRequest): string {
  const cut = (text: string) => (text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text);
  const body =
    request.body === undefined ? '' : ` body=${JSON.stringify(cut(request.body.toString('utf8')))}`;
  const headers = Object.entries(request.headers)
    .map(([name, value]) => `${name}: ${cut(value)}`)
    .join('; ');
  return `${request.method} ${cut(request.path)} [${headers}]${body}`;
}

/**
 * What is wrong with `response` to `request` against the contract, or [] when nothing: a status under 500; a
 * 4xx with `{error: {code, message, details?}}` (the code of its status; 429 with `Retry-After`); no internals.
 */
export function answerProblems(request: RawRequest, response: RawResponse): string[] {
  const problems: string[] = [];
  const isError = response.status >= 400;
  if (response.status >= 500) problems.push(`status ${response.status}`);
  if (isError) {
    let body: unknown;
    try {
      body = JSON.parse(response.text);
    } catch {
      problems.push('the error body is not JSON');
    }
    if (body !== undefined) {
      if (!isRecord(body) || Object.keys(body).length !== 1 || !('error' in body))
        problems.push('the error body is not {error: …}');
      else problems.push(...errorObjectProblems(body.error, CODES_BY_STATUS[response.status]));
    }
    if (response.status === 429 && !/^\d+$/.test(String(response.headers['retry-after'] ?? '')))
      problems.push('429 without Retry-After seconds');
  }
  const sent = `${request.path} ${Object.values(request.headers).join(' ')} ${request.body?.toString('utf8') ?? ''}`;
  problems.push(...leaksIn(response.text, sent, isError).map((leak) => `leaks ${leak}`));
  return problems;
}

/**
 * With `FUZZ_COLLECT=<file>`, failures are appended to that file (one JSON line each) and the run goes on, to
 * survey every failing case at once; without it they throw (and fast-check shrinks them).
 */
const COLLECT_FILE = process.env.FUZZ_COLLECT;

/** Reports broken contracts: throws them, or (FUZZ_COLLECT) writes them down and lets the run continue. */
export function reportFailures(failures: readonly { text: string; record: object }[]): void {
  if (failures.length === 0) return;
  if (COLLECT_FILE) {
    appendFileSync(COLLECT_FILE, failures.map(({ record }) => `${JSON.stringify(record)}\n`).join(''));
    return;
  }
  throw new Error(failures.map(({ text }) => text).join('\n'));
}

/** Fails (for fast-check to shrink) when any answer breaks the contract, naming the request and the answer. */
export function expectContractAnswers(
  requests: readonly RawRequest[],
  responses: readonly RawResponse[],
): void {
  reportFailures(
    requests.flatMap((request, index) => {
      const response = responses[index] as RawResponse;
      const problems = answerProblems(request, response);
      if (problems.length === 0) return [];
      const answer = response.text.length > 500 ? `${response.text.slice(0, 500)}…` : response.text;
      const described = describeRequest(request);
      return [
        {
          text: `${described}\n  → ${response.status} ${answer}\n  problems: ${problems.join('; ')}`,
          record: { request: described, status: response.status, answer, problems },
        },
      ];
    }),
  );
}

/** The longest URI (path and query) API Gateway routes; a longer one is answered 414 by the gateway itself. */
export const MAX_URI_LENGTH = 8192;

/** API Gateway's quota for an HTTP API request's line and header values together: larger ones reach no route. */
export const MAX_REQUEST_LINE_AND_HEADER_BYTES = 10_240;

/** The bytes of the request line and the headers, as counted against that quota. */
export function requestLineAndHeaderBytes(request: RawRequest): number {
  const headers = Object.entries(request.headers).reduce(
    (sum, [name, value]) => sum + name.length + value.length + 4,
    0,
  );
  return request.method.length + request.path.length + 'HTTP/1.1'.length + 4 + headers;
}

/** `FUZZ_RUNS=<n>` multiplies the runs (a deeper survey), `FUZZ_SEED=<n>` changes every seed. */
const RUNS_FACTOR = Number(process.env.FUZZ_RUNS ?? 1);
const BASE_SEED = Number(process.env.FUZZ_SEED ?? 12);

/** A test's timeout for a property bounded to `timeLimitMs`: the limit (scaled like the runs) plus the fixture's time. */
export function testTimeoutFor(timeLimitMs: number): number {
  return timeLimitMs * RUNS_FACTOR + 60_000;
}

/** `runs` times the FUZZ_RUNS factor. */
export function runsOf(runs: number): number {
  return Math.max(1, Math.round(runs * RUNS_FACTOR));
}

/** A stable seed per property (from its name), so adding one does not change what the others send. */
export function seedOf(name: string): number {
  let hash = BASE_SEED;
  for (const char of name) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return hash;
}

/**
 * fast-check's settings for one property: its seed, its runs, and a time limit that bounds it even while it
 * shrinks a failure (then the counterexample shrunk so far is reported); a property that has not finished its
 * runs by then fails, as something is stuck.
 */
export function bounded(name: string, runs: number, timeLimitMs: number): fc.Parameters<unknown> {
  return {
    seed: seedOf(name),
    numRuns: runsOf(runs),
    includeErrorInReport: true,
    plugins: [fc.interruptAfterTimeLimit(timeLimitMs * RUNS_FACTOR, { failOnInterrupt: true })],
  };
}

// ---- arbitraries ---------------------------------------------------------------------------------------------

/** Percent-encodes every byte of the UTF-8 form that is not unreserved (lone surrogates become U+FFFD). */
export function percentEncode(text: string): string {
  let encoded = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    encoded += /[A-Za-z0-9\-._~]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
}

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/** `minLength` to `maxLength` characters of the id alphabet: a valid id when 1 to 128 long, too long beyond. */
export const idLike = (minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...ID_CHARS), minLength, maxLength });

/**
 * Long runs of one character, `minBytes` to `maxBytes` of UTF-8: the sizes that break keys (DynamoDB's 2,048-byte
 * partition and 1,024-byte sort key limits) and beyond, in 1- to 4-byte characters.
 */
export const hugeText = (minBytes: number, maxBytes: number): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.constantFrom('x', 'A', '0', '_', '-', ' ', '%', 'é', '€', '💬'),
      fc.integer({ min: minBytes, max: maxBytes }),
    )
    .map(([char, bytes]) => char.repeat(Math.ceil(bytes / Buffer.byteLength(char))));

/** Unicode of every kind: graphemes, any code point (lone surrogates included), control characters. */
export const unicodeText = (maxLength = 40): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength }),
    fc.string({ unit: 'binary', minLength: 1, maxLength }),
    fc.string({
      unit: fc.constantFrom('\u0000', '\u200b', '\ud800', '\udfff', '\u202e', '\ufeff', '\r', '\n', '\t'),
      minLength: 1,
      maxLength,
    }),
  );

/** Strings that are nearly nothing. */
export const EMPTYISH = [' ', '  ', '\t', '\r\n', '\u00a0', '\u200b', '\u3000', '0', '-', '_', 'null', 'me'];

/** Strings that mean something to some layer (paths, keys, queries, prototypes, templates). */
export const TRICKY = [
  '..',
  '.',
  '../../etc/passwd',
  '..\\..\\windows',
  '%2e%2e%2f',
  '$default',
  '{roomId}',
  '*',
  'ROOM#1',
  'USER#me',
  'MSG#01',
  'a#b',
  "' OR '1'='1",
  '"; DROP TABLE rooms; --',
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  '[object Object]',
  'true',
  '-1',
  '1e309',
  'NaN',
];

/** Raw (already encoded) path or query junk: escapes that decode to nothing valid. */
export const RAW_ESCAPES = [
  '%',
  '%%',
  '%ZZ',
  '%0',
  '%00',
  '%0A%0D',
  '%C0%AF',
  '%C3%28',
  '%ED%A0%80',
  '%F4%90%80%80',
  '%FF%FE',
  '%E2%82',
  '%2F',
  '..%2F..%2F',
  '%252F',
  '%u0041',
  '..',
  '.',
  '~',
  ';x=1',
  "'",
  '"',
  '\\',
  '<>',
];

/** A path segment (encoded for the wire): junk of every kind, ids that do not exist, `realIds` (of its kind). */
export function pathSegment(realIds: readonly string[]): fc.Arbitrary<string> {
  const encoded = (arbitrary: fc.Arbitrary<string>) => arbitrary.map(percentEncode);
  const withRaw = fc
    .tuple(idLike(0, 8), fc.constantFrom(...RAW_ESCAPES), idLike(0, 8))
    .map(([before, raw, after]) => `${before}${raw}${after}`);
  return fc.oneof(
    { weight: 3, arbitrary: realIds.length > 0 ? fc.constantFrom(...realIds) : fc.ulid() },
    { weight: 2, arbitrary: fc.ulid() },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: idLike(1, 128) },
    { weight: 2, arbitrary: encoded(hugeText(1_025, 5_000)) },
    { weight: 1, arbitrary: idLike(129, 3_000) },
    { weight: 1, arbitrary: encoded(fc.constantFrom(...EMPTYISH, ...TRICKY)) },
    { weight: 2, arbitrary: encoded(unicodeText()) },
    { weight: 2, arbitrary: withRaw },
    { weight: 1, arbitrary: encoded(fc.string({ minLength: 1, maxLength: 30 })) },
  );
}

/** A query string value: numbers of every form, junk, huge, lists, real ids. */
export function queryValue(realIds: readonly string[]): fc.Arbitrary<string> {
  const numbers = fc.constantFrom(
    '0',
    '1',
    '-1',
    '20',
    '50',
    '100',
    '101',
    '200',
    '201',
    '1.5',
    '1e3',
    '0x10',
    ' 5',
    '+5',
    '9007199254740993',
    '99999999999999999999999',
    'NaN',
    'Infinity',
    '',
  );
  const list = fc
    .array(
      fc.oneof(
        realIds.length > 0 ? fc.constantFrom(...realIds) : fc.ulid(),
        fc.ulid(),
        fc.string({ maxLength: 10 }),
        idLike(129, 300),
      ),
      { maxLength: 120 },
    )
    .map((items) => items.join(','));
  return fc.oneof(
    { weight: 3, arbitrary: numbers.map(percentEncode) },
    {
      weight: 2,
      arbitrary: (realIds.length > 0 ? fc.constantFrom(...realIds) : fc.ulid()).map(percentEncode),
    },
    { weight: 1, arbitrary: fc.ulid() },
    { weight: 2, arbitrary: list.map(percentEncode) },
    { weight: 1, arbitrary: fc.string({ maxLength: 40 }).map(percentEncode) },
    { weight: 1, arbitrary: unicodeText().map(percentEncode) },
    { weight: 1, arbitrary: fc.base64String({ maxLength: 200 }).map(percentEncode) },
    { weight: 1, arbitrary: hugeText(1_025, 3_000).map(percentEncode) },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_ESCAPES, ...TRICKY.map(percentEncode)) },
    { weight: 2, arbitrary: forgedCursor(realIds) },
  );
}

/**
 * Page cursors as the services make them (base64url of a small JSON object: `{u}`, `{k}`, `{c, r}`), forged: any
 * fields, any values, keys too long for a table.
 */
export function forgedCursor(realIds: readonly string[]): fc.Arbitrary<string> {
  const value = fc.oneof(
    junkValue(realIds),
    hugeText(256, 2_100),
    fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
  );
  return fc
    .dictionary(fc.constantFrom('u', 'k', 'c', 'r', 'x'), value, { minKeys: 1, maxKeys: 3 })
    .map((position) => Buffer.from(JSON.stringify(position), 'utf8').toString('base64url'));
}

/** A raw query string (without `?`) over the route's known keys and some others, keys repeated at times. */
export function queryString(keys: readonly string[], realIds: readonly string[]): fc.Arbitrary<string> {
  const key = fc.oneof(
    { weight: 4, arbitrary: keys.length > 0 ? fc.constantFrom(...keys) : fc.constant('limit') },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'limit',
        'cursor',
        'since',
        'before',
        'after',
        'roomIds',
        'q',
        'userIds',
        'prefix',
        'token',
        '__proto__',
        'limit[]',
        '',
      ),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }).map(percentEncode) },
  );
  const pair = fc.oneof(
    { weight: 8, arbitrary: fc.tuple(key, queryValue(realIds)).map(([k, v]) => `${k}=${v}`) },
    { weight: 1, arbitrary: key },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_ESCAPES) },
  );
  return fc.array(pair, { maxLength: 5 }).map((pairs) => pairs.join('&'));
}

/** Any JSON value a field could hold, right type or not. */
export function junkValue(realIds: readonly string[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 2, arbitrary: fc.string({ maxLength: 50 }) },
    { weight: 2, arbitrary: unicodeText(60) },
    { weight: 1, arbitrary: fc.constantFrom(...EMPTYISH, ...TRICKY, '') },
    { weight: 2, arbitrary: realIds.length > 0 ? fc.constantFrom(...realIds) : fc.ulid() },
    { weight: 1, arbitrary: fc.ulid() },
    { weight: 1, arbitrary: hugeText(2_049, 20_000) },
    {
      weight: 1,
      arbitrary: fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -1, 1e308, -0, 2 ** 53 + 1)),
    },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.constant(null) },
    {
      weight: 1,
      arbitrary: fc.array(fc.oneof(fc.string({ maxLength: 10 }), fc.ulid(), fc.integer()), { maxLength: 30 }),
    },
    {
      weight: 1,
      arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
    },
  );
}

/** A body: none, any JSON, the route's own fields with good and bad values (and extra ones), text that is no JSON, invalid UTF-8, large. */
export function requestBody(
  fields: Record<string, fc.Arbitrary<unknown>>,
  realIds: readonly string[],
): fc.Arbitrary<Buffer | undefined> {
  const json = (value: unknown) => Buffer.from(JSON.stringify(value) ?? 'null', 'utf8');
  const fieldNames = Object.keys(fields);
  const shaped = fc
    .tuple(
      fc.record(
        Object.fromEntries(
          fieldNames.map((name) => [
            name,
            fc.oneof(
              { weight: 3, arbitrary: fields[name] as fc.Arbitrary<unknown> },
              { weight: 2, arbitrary: junkValue(realIds) },
            ),
          ]),
        ),
        { requiredKeys: [] },
      ),
      fc.option(
        fc.dictionary(
          fc.constantFrom(
            'extra',
            'senderId',
            'roomId',
            'userId',
            'role',
            '__proto__',
            'constructor',
            'action',
            'x',
          ),
          junkValue(realIds),
          { maxKeys: 2 },
        ),
        { freq: 3 },
      ),
    )
    .map(([body, extra]) => json({ ...body, ...(extra ?? {}) }));
  const invalidUtf8 = fc
    .tuple(
      fc.constantFrom(...fieldNames, 'text'),
      fc.constantFrom(
        [0xff],
        [0xc3, 0x28],
        [0xc0, 0xaf],
        [0xed, 0xa0, 0x80],
        [0xf4, 0x90, 0x80, 0x80],
        [0xe2, 0x82],
        [0x00],
      ),
    )
    .map(([name, bytes]) =>
      Buffer.concat([Buffer.from(`{"${name}":"a`), Buffer.from(bytes), Buffer.from('b"}')]),
    );
  const notJson = fc.oneof(
    fc.constantFrom(
      '{',
      '}',
      '{"a":',
      '[',
      'nul',
      'undefined',
      "{'a':1}",
      '{"a":1,}',
      '{"a" 1}',
      '\u0000',
      'NaN',
      '-',
      '1e999999',
      '"\\ud800"',
      '{"__proto__":{"polluted":1}}',
      '{"a":1,"a":2}',
      ' ',
      '\ufeff{}',
    ),
    fc.string({ maxLength: 100 }),
    fc.constant('['.repeat(30_000) + ']'.repeat(30_000)),
    fc.constant(`{"a":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_001)}`),
  );
  const large = fc
    .tuple(fc.constantFrom(...fieldNames, 'text', 'junk'), fc.integer({ min: 60_000, max: 1_000_000 }))
    .map(([name, size]) => json({ [name]: 'x'.repeat(size) }));
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant(undefined) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map(json) },
    {
      weight: 1,
      arbitrary: fc
        .anything({ maxDepth: 2 })
        .map((value) => (JSON.stringify(value) === undefined ? undefined : json(value))),
    },
    {
      weight: fieldNames.length > 0 ? 8 : 1,
      arbitrary: fieldNames.length > 0 ? shaped : fc.constant(json({})),
    },
    { weight: 1, arbitrary: notJson.map((text) => Buffer.from(text, 'utf8')) },
    { weight: 1, arbitrary: invalidUtf8 },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)) },
    { weight: 1, arbitrary: large },
  );
}

/** `content-type` values: JSON (most), none, others (then the stack hands the body over base64-encoded). */
export const contentType: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 6, arbitrary: fc.constant('application/json') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      undefined,
      'text/plain',
      'application/octet-stream',
      'application/json; charset=utf-16',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'APPLICATION/JSON',
      'image/png',
      '*/*',
      'application/json; charset=latin1',
    ),
  },
);
