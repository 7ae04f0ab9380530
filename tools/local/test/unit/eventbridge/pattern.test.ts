import { matchesPattern, validatePattern } from '../../../src/cloud/eventbridge/pattern';

type Json = Record<string, unknown>;

/** An event as EventBridge delivers it, with `detail` (and any top-level field) overridable. */
function anEvent(detail: Json = {}, overrides: Json = {}): Json {
  return {
    version: '0',
    id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
    'detail-type': 'MessageSent',
    source: 'chat.messaging',
    account: '000000000000',
    time: '2024-05-01T12:00:00Z',
    region: 'us-east-1',
    resources: [],
    detail,
    ...overrides,
  };
}

type Case = [description: string, pattern: Json, event: Json, expected: boolean];

/** A pattern of one field per size, each an $or of that many branches: the sizes multiply. */
function orCombinations(...sizes: number[]): Json {
  return Object.fromEntries(
    sizes.map((size, field) => [
      `f${field}`,
      { $or: Array.from({ length: size }, (_, branch) => ({ [`b${branch}`]: [branch] })) },
    ]),
  );
}

function runCases(cases: Case[]): void {
  it.each(cases)('%s', (_description, pattern, event, expected) => {
    // Act
    const result = matchesPattern(pattern, event);

    // Assert
    expect(result).toBe(expected);
  });
}

describe('matchesPattern', () => {
  describe('exact values', () => {
    runCases([
      ['matches a top-level string listed in the pattern', { source: ['chat.messaging'] }, anEvent(), true],
      [
        'matches when any of the listed values is equal',
        { source: ['chat.rooms', 'chat.messaging'] },
        anEvent(),
        true,
      ],
      ['does not match a different string', { source: ['chat.rooms'] }, anEvent(), false],
      ['compares strings case-sensitively', { source: ['Chat.Messaging'] }, anEvent(), false],
      [
        'requires every field of the pattern (AND)',
        { source: ['chat.messaging'], 'detail-type': ['MessageEdited'] },
        anEvent(),
        false,
      ],
      [
        'matches all fields together',
        { source: ['chat.messaging'], 'detail-type': ['MessageSent'] },
        anEvent(),
        true,
      ],
      [
        'ignores event fields the pattern does not name',
        { 'detail-type': ['MessageSent'] },
        anEvent({ a: 1 }),
        true,
      ],
      ['matches a number by value', { detail: { count: [5] } }, anEvent({ count: 5 }), true],
      ['matches a decimal number', { detail: { limit: [301.8] } }, anEvent({ limit: 301.8 }), true],
      [
        'does not match a number against its string form',
        { detail: { count: ['5'] } },
        anEvent({ count: 5 }),
        false,
      ],
      [
        'does not match a string against a number',
        { detail: { count: [5] } },
        anEvent({ count: '5' }),
        false,
      ],
      ['matches booleans', { detail: { dm: [true] } }, anEvent({ dm: true }), true],
      ['does not match false against true', { detail: { dm: [true] } }, anEvent({ dm: false }), false],
      [
        'does not match the string "true" against a boolean',
        { detail: { dm: ['true'] } },
        anEvent({ dm: true }),
        false,
      ],
      ['matches null', { detail: { responseElements: [null] } }, anEvent({ responseElements: null }), true],
      [
        'does not match null against a missing field',
        { detail: { responseElements: [null] } },
        anEvent({}),
        false,
      ],
      ['matches the empty string', { detail: { eventVersion: [''] } }, anEvent({ eventVersion: '' }), true],
      [
        'does not match the empty string against null',
        { detail: { eventVersion: [''] } },
        anEvent({ eventVersion: null }),
        false,
      ],
      [
        'does not match null against the empty string',
        { detail: { eventVersion: [null] } },
        anEvent({ eventVersion: '' }),
        false,
      ],
      ['does not match a missing field', { detail: { roomId: ['r1'] } }, anEvent({}), false],
      [
        'does not match a leaf pattern against an object',
        { detail: { data: ['x'] } },
        anEvent({ data: { a: 'x' } }),
        false,
      ],
    ]);
  });

  describe('nesting', () => {
    runCases([
      [
        'matches fields at any depth under detail',
        { detail: { data: { room: { kind: ['dm'] } } } },
        anEvent({ data: { room: { kind: 'dm' } } }),
        true,
      ],
      [
        'does not match when the nesting differs',
        { detail: { data: { kind: ['dm'] } } },
        anEvent({ data: { room: { kind: 'dm' } } }),
        false,
      ],
      [
        'does not match when an intermediate object is missing',
        { detail: { data: { kind: ['dm'] } } },
        anEvent({}),
        false,
      ],
      [
        'does not match when an intermediate value is a scalar',
        { detail: { data: { kind: ['dm'] } } },
        anEvent({ data: 'dm' }),
        false,
      ],
      [
        'matches the envelope used by the chat events',
        {
          source: ['chat.messaging'],
          'detail-type': ['MessageSent'],
          detail: { metadata: { version: [1] } },
        },
        anEvent({ metadata: { version: 1, eventId: 'e1' }, data: {} }),
        true,
      ],
    ]);
  });

  describe('arrays in the event', () => {
    runCases([
      [
        'matches when any element equals a pattern value',
        { resources: ['arn:b'] },
        anEvent({}, { resources: ['arn:a', 'arn:b'] }),
        true,
      ],
      [
        'does not match when no element is listed',
        { resources: ['arn:c'] },
        anEvent({}, { resources: ['arn:a', 'arn:b'] }),
        false,
      ],
      [
        'matches an intersection of two lists',
        { detail: { tags: ['x', 'b'] } },
        anEvent({ tags: ['a', 'b'] }),
        true,
      ],
      [
        'never matches a value against an empty array',
        { detail: { tags: ['a'] } },
        anEvent({ tags: [] }),
        false,
      ],
      [
        'looks into nested arrays',
        { detail: { tags: ['c'] } },
        anEvent({ tags: [['a'], ['b', ['c']]] }),
        true,
      ],
      [
        'matches a field of objects inside an array',
        { detail: { mentions: { userId: ['u2'] } } },
        anEvent({ mentions: [{ userId: 'u1' }, { userId: 'u2' }] }),
        true,
      ],
      [
        'requires the fields of an object pattern to come from the same array element',
        { detail: { users: { name: ['ann'], role: ['admin'] } } },
        anEvent({
          users: [
            { name: 'ann', role: 'member' },
            { name: 'bob', role: 'admin' },
          ],
        }),
        false,
      ],
      [
        'does not combine fields found in different array elements',
        { detail: { d: { a: ['x'], b: ['y'] } } },
        anEvent({ d: [{ a: 'x' }, { b: 'y' }] }),
        false,
      ],
      [
        'matches fields that come from the same array element',
        { detail: { users: { name: ['bob'], role: ['admin'] } } },
        anEvent({
          users: [
            { name: 'ann', role: 'member' },
            { name: 'bob', role: 'admin' },
          ],
        }),
        true,
      ],
    ]);
  });

  describe('exists', () => {
    const mentionsRule = {
      source: ['chat.messaging'],
      'detail-type': ['MessageSent'],
      detail: { data: { mentions: [{ exists: true }] } },
    };
    runCases([
      [
        'exists:true matches a present string',
        { detail: { roomId: [{ exists: true }] } },
        anEvent({ roomId: 'r1' }),
        true,
      ],
      [
        'exists:true matches a present null',
        { detail: { roomId: [{ exists: true }] } },
        anEvent({ roomId: null }),
        true,
      ],
      [
        'exists:true matches a present empty string',
        { detail: { roomId: [{ exists: true }] } },
        anEvent({ roomId: '' }),
        true,
      ],
      [
        'exists:true does not match a missing field',
        { detail: { roomId: [{ exists: true }] } },
        anEvent({}),
        false,
      ],
      [
        'exists:false matches a missing field',
        { detail: { roomId: [{ exists: false }] } },
        anEvent({}),
        true,
      ],
      [
        'exists:false does not match a present field',
        { detail: { roomId: [{ exists: false }] } },
        anEvent({ roomId: 'r1' }),
        false,
      ],
      [
        'exists:false does not match a present null',
        { detail: { roomId: [{ exists: false }] } },
        anEvent({ roomId: null }),
        false,
      ],
      [
        'exists:false matches when the parent object is missing',
        { detail: { data: { x: [{ exists: false }] } } },
        anEvent({}),
        true,
      ],
      [
        'exists:false matches when detail is empty',
        { detail: { roomId: [{ exists: false }] } },
        anEvent({}),
        true,
      ],
      [
        'exists:true does not match an object value (not a leaf)',
        { detail: { c: [{ exists: true }] } },
        anEvent({ c: { c1: 1 } }),
        false,
      ],
      [
        'exists:false matches an object value (not a leaf)',
        { detail: { c: [{ exists: false }] } },
        anEvent({ c: { c1: 1 } }),
        true,
      ],
      [
        'MessageSent rule matches a message with mentions',
        mentionsRule,
        anEvent({ data: { mentions: ['u1', 'u2'] } }),
        true,
      ],
      [
        'MessageSent rule does not match an empty mentions array',
        mentionsRule,
        anEvent({ data: { mentions: [] } }),
        false,
      ],
      [
        'MessageSent rule does not match a message without mentions',
        mentionsRule,
        anEvent({ data: { text: 'hi' } }),
        false,
      ],
      [
        'MessageSent rule does not match another detail-type',
        mentionsRule,
        anEvent({ data: { mentions: ['u1'] } }, { 'detail-type': 'MessageEdited' }),
        false,
      ],
      [
        'exists:true on an array of objects does not match (no leaf at that path)',
        { detail: { mentions: [{ exists: true }] } },
        anEvent({ mentions: [{ userId: 'u1' }] }),
        false,
      ],
      [
        'exists:true on a field inside array elements matches when an element has it',
        { detail: { mentions: { userId: [{ exists: true }] } } },
        anEvent({ mentions: [{ name: 'a' }, { userId: 'u1' }] }),
        true,
      ],
      [
        'exists:true on a field inside array elements does not match when none has it',
        { detail: { mentions: { userId: [{ exists: true }] } } },
        anEvent({ mentions: [{ name: 'a' }] }),
        false,
      ],
      [
        'exists:false on a field inside array elements matches an empty array',
        { detail: { mentions: { userId: [{ exists: false }] } } },
        anEvent({ mentions: [] }),
        true,
      ],
      [
        'exists:false matches an empty array of leaves',
        { detail: { tags: [{ exists: false }] } },
        anEvent({ tags: [] }),
        true,
      ],
      [
        'exists can be one of several alternatives',
        { detail: { kind: ['dm', { exists: false }] } },
        anEvent({}),
        true,
      ],
    ]);
  });

  describe('prefix, suffix and equals-ignore-case', () => {
    runCases([
      ['prefix matches a string start', { time: [{ prefix: '2024-05' }] }, anEvent(), true],
      ['prefix does not match elsewhere in the string', { time: [{ prefix: '05-01' }] }, anEvent(), false],
      ['prefix is case-sensitive', { source: [{ prefix: 'CHAT.' }] }, anEvent(), false],
      ['an empty prefix matches any string', { source: [{ prefix: '' }] }, anEvent(), true],
      ['prefix does not match a number', { detail: { n: [{ prefix: '1' }] } }, anEvent({ n: 12 }), false],
      [
        'prefix with equals-ignore-case ignores case',
        { source: [{ prefix: { 'equals-ignore-case': 'CHAT.' } }] },
        anEvent(),
        true,
      ],
      [
        'suffix matches a string end',
        { detail: { file: [{ suffix: '.png' }] } },
        anEvent({ file: 'a.png' }),
        true,
      ],
      [
        'suffix does not match another end',
        { detail: { file: [{ suffix: '.png' }] } },
        anEvent({ file: 'a.jpg' }),
        false,
      ],
      [
        'suffix is case-sensitive',
        { detail: { file: [{ suffix: '.png' }] } },
        anEvent({ file: 'a.PNG' }),
        false,
      ],
      [
        'suffix with equals-ignore-case ignores case',
        { detail: { file: [{ suffix: { 'equals-ignore-case': '.png' } }] } },
        anEvent({ file: 'a.PNG' }),
        true,
      ],
      [
        'equals-ignore-case matches any casing',
        { 'detail-type': [{ 'equals-ignore-case': 'messagesent' }] },
        anEvent(),
        true,
      ],
      [
        'equals-ignore-case still needs the same letters',
        { 'detail-type': [{ 'equals-ignore-case': 'messagesen' }] },
        anEvent(),
        false,
      ],
      [
        'equals-ignore-case: the Kelvin sign in the pattern matches "k"',
        { detail: { unit: [{ 'equals-ignore-case': 'degree\u212A' }] } },
        anEvent({ unit: 'DEGREEk' }),
        true,
      ],
      [
        'equals-ignore-case: "k" in the pattern does not match the Kelvin sign (folded per pattern character)',
        { detail: { unit: [{ 'equals-ignore-case': 'degreek' }] } },
        anEvent({ unit: 'degree\u212A' }),
        false,
      ],
      [
        'equals-ignore-case: characters whose cases differ in byte length (Ⱥ / ⱥ)',
        { detail: { s: [{ 'equals-ignore-case': '12Ⱥ34' }] } },
        anEvent({ s: '12ⱥ34' }),
        true,
      ],
      [
        'equals-ignore-case: "ß" matches its upper-case form "SS"',
        { detail: { s: [{ 'equals-ignore-case': 'straße' }] } },
        anEvent({ s: 'STRASSE' }),
        true,
      ],
      [
        'equals-ignore-case: "ss" does not match "ß" (no whole-string folding)',
        { detail: { s: [{ 'equals-ignore-case': 'strasse' }] } },
        anEvent({ s: 'straße' }),
        false,
      ],
      [
        'prefix with equals-ignore-case folds per character too',
        { detail: { s: [{ prefix: { 'equals-ignore-case': 'Ⱥb' } }] } },
        anEvent({ s: 'ⱥBcd' }),
        true,
      ],
      [
        'suffix with equals-ignore-case folds per character too',
        { detail: { s: [{ suffix: { 'equals-ignore-case': 'ß' } }] } },
        anEvent({ s: 'GROSS' }),
        true,
      ],
      [
        'equals-ignore-case does not match non-strings',
        { detail: { b: [{ 'equals-ignore-case': 'true' }] } },
        anEvent({ b: true }),
        false,
      ],
      [
        'prefix applies to each element of an array',
        { detail: { tags: [{ prefix: 'ad' }] } },
        anEvent({ tags: ['user', 'admin'] }),
        true,
      ],
    ]);
  });

  describe('anything-but', () => {
    runCases([
      [
        'matches another string',
        { detail: { state: [{ 'anything-but': 'initializing' }] } },
        anEvent({ state: 'running' }),
        true,
      ],
      [
        'does not match the excluded string',
        { detail: { state: [{ 'anything-but': 'initializing' }] } },
        anEvent({ state: 'initializing' }),
        false,
      ],
      [
        'does not match a missing field',
        { detail: { state: [{ 'anything-but': 'initializing' }] } },
        anEvent({}),
        false,
      ],
      [
        'excludes every string of a list',
        { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } },
        anEvent({ state: 'stopped' }),
        false,
      ],
      [
        'matches a string outside the list',
        { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } },
        anEvent({ state: 'running' }),
        true,
      ],
      ['excludes a number', { detail: { x: [{ 'anything-but': 123 }] } }, anEvent({ x: 123 }), false],
      ['matches another number', { detail: { x: [{ 'anything-but': 123 }] } }, anEvent({ x: 124 }), true],
      [
        'excludes every number of a list',
        { detail: { x: [{ 'anything-but': [100, 200] }] } },
        anEvent({ x: 200 }),
        false,
      ],
      [
        'a numeric list matches a string, even one that spells a number of it (Event Ruler)',
        { detail: { x: [{ 'anything-but': [100, 200] }] } },
        anEvent({ x: '100' }),
        true,
      ],
      [
        'a number exclusion matches a string (Event Ruler)',
        { detail: { x: [{ 'anything-but': 111 }] } },
        anEvent({ x: '111' }),
        true,
      ],
      [
        'a number exclusion matches a boolean',
        { detail: { x: [{ 'anything-but': 1 }] } },
        anEvent({ x: true }),
        true,
      ],
      [
        'a string exclusion matches a number',
        { detail: { x: [{ 'anything-but': 'a' }] } },
        anEvent({ x: 1 }),
        true,
      ],
      [
        'anything-but prefix excludes the prefix',
        { detail: { region: [{ 'anything-but': { prefix: 'us-' } }] } },
        anEvent({ region: 'us-east-1' }),
        false,
      ],
      [
        'anything-but prefix matches others',
        { detail: { region: [{ 'anything-but': { prefix: 'us-' } }] } },
        anEvent({ region: 'eu-west-1' }),
        true,
      ],
      [
        'anything-but suffix excludes the suffix',
        { detail: { file: [{ 'anything-but': { suffix: '.png' } }] } },
        anEvent({ file: 'a.png' }),
        false,
      ],
      [
        'anything-but suffix matches others',
        { detail: { file: [{ 'anything-but': { suffix: '.png' } }] } },
        anEvent({ file: 'a.gif' }),
        true,
      ],
      [
        'anything-but equals-ignore-case excludes any casing',
        { detail: { state: [{ 'anything-but': { 'equals-ignore-case': ['Stopped', 'done'] } }] } },
        anEvent({ state: 'STOPPED' }),
        false,
      ],
      [
        'anything-but equals-ignore-case matches others',
        { detail: { state: [{ 'anything-but': { 'equals-ignore-case': 'stopped' } }] } },
        anEvent({ state: 'running' }),
        true,
      ],
      [
        'anything-but wildcard excludes matching paths',
        { detail: { path: [{ 'anything-but': { wildcard: '*/lib/*' } }] } },
        anEvent({ path: 'src/lib/a.ts' }),
        false,
      ],
      [
        'anything-but wildcard matches other paths',
        { detail: { path: [{ 'anything-but': { wildcard: '*/lib/*' } }] } },
        anEvent({ path: 'src/app/a.ts' }),
        true,
      ],
      [
        'matches an array when one element is not excluded',
        { detail: { tags: [{ 'anything-but': 'banned' }] } },
        anEvent({ tags: ['banned', 'ok'] }),
        true,
      ],
      [
        'does not match an array whose elements are all excluded',
        { detail: { tags: [{ 'anything-but': 'banned' }] } },
        anEvent({ tags: ['banned'] }),
        false,
      ],
      [
        'does not match an empty array',
        { detail: { tags: [{ 'anything-but': 'banned' }] } },
        anEvent({ tags: [] }),
        false,
      ],
    ]);
  });

  describe('numeric', () => {
    runCases([
      [
        'matches inside an open-closed range',
        { detail: { c: [{ numeric: ['>', 0, '<=', 5] }] } },
        anEvent({ c: 5 }),
        true,
      ],
      [
        'excludes the open bound',
        { detail: { c: [{ numeric: ['>', 0, '<=', 5] }] } },
        anEvent({ c: 0 }),
        false,
      ],
      [
        'excludes values above the range',
        { detail: { c: [{ numeric: ['>', 0, '<=', 5] }] } },
        anEvent({ c: 5.5 }),
        false,
      ],
      [
        'matches >= on the bound',
        { detail: { c: [{ numeric: ['>=', 10, '<', 20] }] } },
        anEvent({ c: 10 }),
        true,
      ],
      [
        'excludes < on the bound',
        { detail: { c: [{ numeric: ['>=', 10, '<', 20] }] } },
        anEvent({ c: 20 }),
        false,
      ],
      ['matches a single lower bound', { detail: { c: [{ numeric: ['<', 10] }] } }, anEvent({ c: -3 }), true],
      ['matches = on an equal value', { detail: { c: [{ numeric: ['=', 5] }] } }, anEvent({ c: 5 }), true],
      [
        'matches = written with an exponent',
        { detail: { c: [{ numeric: ['=', 3.018e2] }] } },
        anEvent({ c: 301.8 }),
        true,
      ],
      [
        'does not match = on another value',
        { detail: { c: [{ numeric: ['=', 5] }] } },
        anEvent({ c: 6 }),
        false,
      ],
      [
        'does not match a numeric string',
        { detail: { c: [{ numeric: ['=', 5] }] } },
        anEvent({ c: '5' }),
        false,
      ],
      ['does not match a missing field', { detail: { c: [{ numeric: ['>', 0] }] } }, anEvent({}), false],
      [
        'matches any element of an array',
        { detail: { c: [{ numeric: ['>', 0, '<', 10] }] } },
        anEvent({ c: [100, 5] }),
        true,
      ],
      [
        'does not match values beyond the supported range',
        { detail: { c: [{ numeric: ['>', 0] }] } },
        anEvent({ c: 6e9 }),
        false,
      ],
    ]);
  });

  describe('wildcard', () => {
    runCases([
      ['matches * in the middle', { source: [{ wildcard: 'chat.*ing' }] }, anEvent(), true],
      ['* matches an empty run', { detail: { f: [{ wildcard: 'a*b' }] } }, anEvent({ f: 'ab' }), true],
      ['must match the whole string', { detail: { f: [{ wildcard: 'a*b' }] } }, anEvent({ f: 'abc' }), false],
      [
        'matches several *',
        { detail: { f: [{ wildcard: 'dir/*/*.png' }] } },
        anEvent({ f: 'dir/x/y.png' }),
        true,
      ],
      ['an escaped star is literal', { detail: { f: [{ wildcard: 'a\\*b' }] } }, anEvent({ f: 'a*b' }), true],
      [
        'an escaped star does not match other text',
        { detail: { f: [{ wildcard: 'a\\*b' }] } },
        anEvent({ f: 'axb' }),
        false,
      ],
      [
        'regular-expression characters are literal',
        { detail: { f: [{ wildcard: 'a.b(c)*' }] } },
        anEvent({ f: 'axb(c)' }),
        false,
      ],
      ['does not match non-strings', { detail: { f: [{ wildcard: '*' }] } }, anEvent({ f: 1 }), false],
    ]);
  });

  describe('cidr', () => {
    runCases([
      [
        'matches an IPv4 address in the block',
        { detail: { ip: [{ cidr: '10.0.0.0/24' }] } },
        anEvent({ ip: '10.0.0.33' }),
        true,
      ],
      [
        'does not match an IPv4 address outside the block',
        { detail: { ip: [{ cidr: '10.0.0.0/24' }] } },
        anEvent({ ip: '10.0.1.1' }),
        false,
      ],
      [
        'matches an IPv6 address in the block',
        { detail: { ip: [{ cidr: '2001:db8::/32' }] } },
        anEvent({ ip: '2001:db8::1' }),
        true,
      ],
      [
        'does not match an address of the other family',
        { detail: { ip: [{ cidr: '10.0.0.0/8' }] } },
        anEvent({ ip: '::1' }),
        false,
      ],
      [
        'does not match a non-address',
        { detail: { ip: [{ cidr: '10.0.0.0/8' }] } },
        anEvent({ ip: 'host' }),
        false,
      ],
    ]);
  });

  describe('$or', () => {
    const orPattern = {
      source: ['chat.messaging'],
      $or: [
        { detail: { data: { mentions: [{ exists: true }] } } },
        { detail: { data: { room: { kind: ['dm'] } } } },
      ],
    };
    runCases([
      [
        'matches the first branch',
        orPattern,
        anEvent({ data: { mentions: ['u1'], room: { kind: 'group' } } }),
        true,
      ],
      [
        'matches the second branch',
        orPattern,
        anEvent({ data: { mentions: [], room: { kind: 'dm' } } }),
        true,
      ],
      ['matches no branch', orPattern, anEvent({ data: { mentions: [], room: { kind: 'group' } } }), false],
      [
        'still requires the fields outside $or',
        orPattern,
        anEvent({ data: { mentions: ['u1'] } }, { source: 'chat.rooms' }),
        false,
      ],
      [
        'works inside a nested object',
        { detail: { $or: [{ a: ['1'] }, { b: ['2'] }] } },
        anEvent({ b: '2' }),
        true,
      ],
      [
        'supports nested $or',
        { $or: [{ source: ['x'] }, { $or: [{ 'detail-type': ['y'] }, { detail: { a: [1] } }] }] },
        anEvent({ a: 1 }),
        true,
      ],
    ]);
  });
});

describe('validatePattern', () => {
  it.each<[string, unknown]>([
    ['a simple pattern', { source: ['chat.messaging'] }],
    [
      'the MessageSent-with-mentions rule',
      {
        source: ['chat.messaging'],
        'detail-type': ['MessageSent'],
        detail: { data: { mentions: [{ exists: true }] } },
      },
    ],
    [
      'every matcher',
      {
        a: [
          { prefix: 'x' },
          { suffix: 'y' },
          { 'equals-ignore-case': 'z' },
          { wildcard: 'a*b' },
          { cidr: '10.0.0.0/8' },
        ],
        b: [{ numeric: ['>', 0, '<=', 5] }, { numeric: ['=', 5] }, { exists: false }, null, true, 1, ''],
        c: [{ 'anything-but': ['a', 'b'] }, { 'anything-but': [1, 2] }, { 'anything-but': { prefix: 'p' } }],
        d: [{ prefix: { 'equals-ignore-case': 'P' } }, { 'anything-but': { 'equals-ignore-case': ['a'] } }],
      },
    ],
    ['an $or with two branches', { $or: [{ a: ['1'] }, { b: ['2'] }] }],
    ['$or expanding into exactly 1,000 combinations', orCombinations(10, 10, 10)],
  ])('accepts %s', (_description, pattern) => {
    // Act
    const problems = validatePattern(pattern);

    // Assert
    expect(problems).toEqual([]);
  });

  it.each<[string, unknown, string]>([
    ['a non-object pattern', ['source'], 'pattern: must be a JSON object'],
    ['an empty pattern', {}, 'empty objects are not allowed'],
    [
      'a bare value instead of an array',
      { source: 'chat.messaging' },
      'source: must be an object or an array',
    ],
    ['an empty array', { source: [] }, 'source: empty arrays are not allowed'],
    ['an unknown matcher', { source: [{ contains: 'x' }] }, 'unrecognized match type "contains"'],
    ['a matcher with two keys', { source: [{ prefix: 'a', suffix: 'b' }] }, 'only one key'],
    ['a non-string prefix', { source: [{ prefix: 1 }] }, 'prefix must be a string'],
    ['a non-boolean exists', { source: [{ exists: 'yes' }] }, 'exists must be true or false'],
    ['an unknown numeric operator', { n: [{ numeric: ['!=', 1] }] }, 'unrecognized operator'],
    ['a numeric range with = first', { n: [{ numeric: ['=', 1, '<', 3] }] }, 'too many elements'],
    ['an inverted numeric range', { n: [{ numeric: ['>', 5, '<', 1] }] }, 'lower bound'],
    ['a numeric value out of range', { n: [{ numeric: ['>', 6e9] }] }, 'between -5e9 and 5e9'],
    ['a mixed anything-but list', { s: [{ 'anything-but': ['a', 1] }] }, 'only strings or only numbers'],
    ['a boolean anything-but', { s: [{ 'anything-but': true }] }, 'anything-but must be'],
    [
      'an unsupported anything-but matcher',
      { s: [{ 'anything-but': { numeric: ['>', 1] } }] },
      'unsupported pattern "numeric"',
    ],
    ['consecutive wildcards', { s: [{ wildcard: 'a**b' }] }, 'consecutive'],
    ['a bad wildcard escape', { s: [{ wildcard: 'a\\b' }] }, 'backslash'],
    ['a bad cidr', { ip: [{ cidr: '10.0.0.0/33' }] }, 'cidr must be'],
    ['an $or with one branch', { $or: [{ a: ['1'] }] }, 'at least 2 objects'],
    ['$or expanding into more than 1,000 combinations', orCombinations(10, 10, 11), 'more than 1000'],
    [
      'nested $or whose branches multiply past 1,000',
      { $or: [orCombinations(10, 10, 10), { z: ['1'] }] },
      'more than 1000 combinations',
    ],
    ['an $or that is not an array', { $or: { a: ['1'] } }, '$or: must be an array'],
    ['a matcher name as a field inside $or', { $or: [{ prefix: ['a'] }, { b: ['2'] }] }, 'reserved name'],
    [
      'a nested problem, with its path',
      { detail: { data: { kind: [{ prefix: 2 }] } } },
      'detail.data.kind[0]: prefix',
    ],
  ])('reports %s', (_description, pattern, expected) => {
    // Act
    const problems = validatePattern(pattern);

    // Assert
    expect(problems.join('\n')).toContain(expected);
  });
});
