/**
 * EventBridge event pattern matching, following the documented semantics
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html,
 * eb-create-pattern-operators.html) and the behaviour of AWS's open-source matcher, Event Ruler
 * (github.com/aws/event-ruler), which EventBridge is built on.
 *
 * The model, as Event Ruler has it: an event is flattened into *leaf* values (strings, numbers,
 * booleans, null) addressed by their path. Arrays are transparent: each element of an array is a value
 * of the array's own path, and nested arrays are flattened too. A pattern is an object whose fields
 * either nest (an object) or list the alternatives for a leaf (an array, OR between its items).
 * All fields of a pattern must match (AND); a field matches when ANY of its alternatives matches ANY
 * of the leaf values found at that path.
 *
 * Rules implemented here, worth knowing when writing a rule:
 * - Exact values compare by JSON type: `["5"]` matches the string "5", not the number 5; `[true]`
 *   matches the boolean; `[null]` matches null; `[""]` matches the empty string and not null.
 *   (AWS compares numbers by value too, so 300 and 300.0 are equal; once JSON is parsed in JS they
 *   are the same number anyway.)
 * - `exists` only looks at LEAF values. An empty array or an empty object holds no leaf, so for
 *   `{ mentions: [{ exists: true }] }`: `mentions: ["u1"]` matches, `mentions: []` does NOT match
 *   (and `exists: false` does). A field whose value is an object, or an array of objects, is not a
 *   leaf either: `exists: true` does not match it and `exists: false` does (as the AWS docs show for
 *   `"c-count": { "c1": 100 }`). To require an array of objects, test a field inside the objects:
 *   `{ mentions: { userId: [{ exists: true }] } }`.
 * - `exists: false` also matches when the parent objects are missing altogether.
 * - Objects inside arrays are matched element by element ("array consistency", as Event Ruler's
 *   rulesForJSONEvent): `{ d: { a: ["x"], b: ["y"] } }` matches `d: [{ a: "x", b: "y" }]` but not
 *   `d: [{ a: "x" }, { b: "y" }]`.
 * - prefix / suffix / equals-ignore-case / wildcard / cidr only match string values; numeric only
 *   matches JSON numbers (within ±5e9, the Event Ruler limit).
 * - anything-but needs the field to be present (a missing field never matches it). It matches any
 *   present leaf the inner matcher does not match, of any JSON type: `{ "anything-but": [1, 2] }`
 *   matches 3 and also the string "1" (Event Ruler's own tests: `"b": "444"` matches
 *   `anything-but [111, 222, 333]`).
 * - equals-ignore-case (alone, or inside prefix, suffix or anything-but) folds case one UTF-16 unit of
 *   the PATTERN at a time, as Event Ruler's EqualsIgnoreCaseParser does: each pattern unit matches its
 *   own lower-case or upper-case form (root locale), nothing else. So the Kelvin sign (U+212A) in a
 *   pattern matches "k", but "k" in a pattern does not match the Kelvin sign; "ß" matches "ß" or "SS",
 *   and "ss" does not match "ß".
 * - `$or: [ {...}, {...} ]` (at least two non-empty objects) matches when any branch matches, at the
 *   level where it appears; branches may nest further `$or`s.
 * - Field names are compared exactly; no case folding, no normalisation.
 * - A pattern may expand into at most 1,000 combinations: each `$or` multiplies the combinations of
 *   the object holding it by the sum of its branches' (EventBridge's quota); more is invalid.
 */

import { BlockList, isIP } from 'node:net';

export type EventPattern = Record<string, unknown>;

const NUMERIC_LIMIT = 5e9;
const MAX_COMBINATIONS = 1000;
const OR_KEY = '$or';
const MATCHER_KEYS = new Set([
  'prefix',
  'suffix',
  'equals-ignore-case',
  'anything-but',
  'exists',
  'numeric',
  'wildcard',
  'cidr',
]);

type Leaf = string | number | boolean | null;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isLeaf(value: unknown): value is Leaf {
  return (
    value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
  );
}

/** The leaf values found at a field: none for missing fields, objects and empty arrays. */
function leavesOf(value: unknown, into: Leaf[] = []): Leaf[] {
  if (isLeaf(value)) into.push(value);
  else if (Array.isArray(value)) for (const element of value) leavesOf(element, into);
  return into;
}

/** The elements a nested pattern object is matched against, one at a time (array consistency). */
function elementsOf(value: unknown, into: unknown[] = []): unknown[] {
  if (Array.isArray(value)) for (const element of value) elementsOf(element, into);
  else into.push(value);
  return into;
}

/** True when `event` matches `pattern` (both plain JSON values). Assumes a valid pattern. */
export function matchesPattern(pattern: EventPattern, event: unknown): boolean {
  return matchesObject(pattern, event);
}

function matchesObject(pattern: Record<string, unknown>, value: unknown): boolean {
  const elements = elementsOf(value);
  // An empty array still has to be tried once, as "nothing here", for `exists: false`.
  if (elements.length === 0) elements.push(undefined);
  return elements.some((element) => matchesFields(pattern, element));
}

function matchesFields(pattern: Record<string, unknown>, value: unknown): boolean {
  const object = isPlainObject(value) ? value : undefined;
  return Object.entries(pattern).every(([key, sub]) => {
    if (key === OR_KEY && Array.isArray(sub)) {
      return sub.some((branch) => isPlainObject(branch) && matchesFields(branch, value));
    }
    const fieldValue = object && Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
    if (Array.isArray(sub)) return matchesLeafField(sub, fieldValue);
    if (isPlainObject(sub)) return matchesObject(sub, fieldValue);
    return false;
  });
}

function matchesLeafField(alternatives: unknown[], fieldValue: unknown): boolean {
  const leaves = leavesOf(fieldValue);
  return alternatives.some((alternative) => {
    if (isPlainObject(alternative) && 'exists' in alternative) {
      return alternative.exists === true ? leaves.length > 0 : leaves.length === 0;
    }
    return leaves.some((leaf) => matchesAlternative(alternative, leaf));
  });
}

function matchesAlternative(alternative: unknown, leaf: Leaf): boolean {
  if (!isPlainObject(alternative)) return alternative === leaf;
  const [operator, operand] = Object.entries(alternative)[0] ?? [];
  switch (operator) {
    case 'prefix':
      return typeof leaf === 'string' && matchesAffix(operand, leaf, 'prefix');
    case 'suffix':
      return typeof leaf === 'string' && matchesAffix(operand, leaf, 'suffix');
    case 'equals-ignore-case':
      return typeof leaf === 'string' && typeof operand === 'string' && equalsIgnoringCase(operand, leaf);
    case 'wildcard':
      return typeof leaf === 'string' && typeof operand === 'string' && matchesWildcard(operand, leaf);
    case 'numeric':
      return typeof leaf === 'number' && Array.isArray(operand) && matchesNumeric(operand, leaf);
    case 'cidr':
      return typeof leaf === 'string' && typeof operand === 'string' && matchesCidr(operand, leaf);
    case 'anything-but':
      return matchesAnythingBut(operand, leaf);
    default:
      return false;
  }
}

/**
 * Where `value` can be after matching `pattern` from `start`, folding case per UTF-16 unit of the
 * pattern (each unit matches its lower-case or its upper-case form). A set, since the two forms may
 * differ in length ("ß" / "SS").
 */
function foldedEnds(pattern: string, value: string, start: number): Set<number> {
  let positions = new Set([start]);
  for (let i = 0; i < pattern.length && positions.size > 0; i += 1) {
    const unit = pattern.charAt(i);
    const forms = new Set([unit.toLowerCase(), unit.toUpperCase()]);
    const next = new Set<number>();
    for (const position of positions) {
      for (const form of forms) if (value.startsWith(form, position)) next.add(position + form.length);
    }
    positions = next;
  }
  return positions;
}

function equalsIgnoringCase(pattern: string, value: string): boolean {
  return foldedEnds(pattern, value, 0).has(value.length);
}

function startsIgnoringCase(pattern: string, value: string): boolean {
  return foldedEnds(pattern, value, 0).size > 0;
}

function endsIgnoringCase(pattern: string, value: string): boolean {
  for (let start = value.length; start >= 0; start -= 1) {
    if (foldedEnds(pattern, value, start).has(value.length)) return true;
  }
  return false;
}

function matchesAffix(operand: unknown, leaf: string, kind: 'prefix' | 'suffix'): boolean {
  if (typeof operand === 'string') {
    return kind === 'prefix' ? leaf.startsWith(operand) : leaf.endsWith(operand);
  }
  if (isPlainObject(operand) && typeof operand['equals-ignore-case'] === 'string') {
    const affix = operand['equals-ignore-case'];
    return kind === 'prefix' ? startsIgnoringCase(affix, leaf) : endsIgnoringCase(affix, leaf);
  }
  return false;
}

/** `*` matches any run of characters (also none); `\*` is a literal star and `\\` a backslash. */
function matchesWildcard(pattern: string, value: string): boolean {
  let source = '';
  for (let i = 0; i < pattern.length; i += 1) {
    const char = pattern.charAt(i);
    if (char === '\\') {
      i += 1;
      source += escapeRegExp(pattern.charAt(i));
    } else if (char === '*') {
      source += '[\\s\\S]*';
    } else {
      source += escapeRegExp(char);
    }
  }
  return new RegExp(`^${source}$`).test(value);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

function matchesNumeric(terms: unknown[], value: number): boolean {
  if (Math.abs(value) > NUMERIC_LIMIT) return false;
  for (let i = 0; i + 1 < terms.length; i += 2) {
    const operator = terms[i];
    const bound = terms[i + 1];
    if (typeof bound !== 'number') return false;
    const ok =
      operator === '='
        ? value === bound
        : operator === '<'
          ? value < bound
          : operator === '<='
            ? value <= bound
            : operator === '>'
              ? value > bound
              : operator === '>='
                ? value >= bound
                : false;
    if (!ok) return false;
  }
  return true;
}

function matchesCidr(cidr: string, value: string): boolean {
  const parsed = parseCidr(cidr);
  const family = isIP(value);
  if (!parsed || family === 0) return false;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (type !== parsed.type) return false;
  const list = new BlockList();
  list.addSubnet(parsed.address, parsed.prefix, parsed.type);
  return list.check(value, type);
}

function parseCidr(cidr: string): { address: string; prefix: number; type: 'ipv4' | 'ipv6' } | undefined {
  const [address = '', prefixText, extra] = cidr.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return undefined;
  const max = family === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (!/^\d+$/.test(prefixText ?? String(max)) || prefix > max) return undefined;
  return { address, prefix, type: family === 4 ? 'ipv4' : 'ipv6' };
}

function matchesAnythingBut(operand: unknown, leaf: Leaf): boolean {
  if (typeof operand === 'number' || typeof operand === 'string') return leaf !== operand;
  if (Array.isArray(operand)) return !operand.includes(leaf);
  if (!isPlainObject(operand)) return false;
  if (typeof leaf !== 'string') return true;
  const [operator, inner] = Object.entries(operand)[0] ?? [];
  const innerValues = Array.isArray(inner) ? inner : [inner];
  switch (operator) {
    case 'prefix':
      return typeof inner === 'string' && !leaf.startsWith(inner);
    case 'suffix':
      return typeof inner === 'string' && !leaf.endsWith(inner);
    case 'equals-ignore-case':
      return innerValues.every((value) => typeof value === 'string' && !equalsIgnoringCase(value, leaf));
    case 'wildcard':
      return innerValues.every((value) => typeof value === 'string' && !matchesWildcard(value, leaf));
    default:
      return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Validation: the problems PutRule would reject the pattern for (InvalidEventPatternException).

/** Problems with `pattern`, each prefixed with where it is; an empty list means the pattern is valid. */
export function validatePattern(pattern: unknown): string[] {
  const problems: string[] = [];
  if (!isPlainObject(pattern)) return ['pattern: must be a JSON object'];
  validateObject(pattern, '', problems, false);
  if (problems.length === 0 && combinationsOf(pattern) > MAX_COMBINATIONS) {
    problems.push(`pattern: $or expands it into more than ${MAX_COMBINATIONS} combinations`);
  }
  return problems;
}

/** How many sub-patterns `object` expands into: a `$or` multiplies by the sum of its branches'. */
function combinationsOf(object: Record<string, unknown>): number {
  let combinations = 1;
  for (const [key, value] of Object.entries(object)) {
    if (key === OR_KEY && Array.isArray(value)) {
      combinations *= value.reduce<number>(
        (sum, branch) => sum + (isPlainObject(branch) ? combinationsOf(branch) : 0),
        0,
      );
    } else if (isPlainObject(value)) {
      combinations *= combinationsOf(value);
    }
    // Past the limit the exact figure no longer matters.
    if (combinations > MAX_COMBINATIONS) return combinations;
  }
  return combinations;
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function validateObject(
  object: Record<string, unknown>,
  path: string,
  problems: string[],
  insideOr: boolean,
): void {
  const entries = Object.entries(object);
  if (entries.length === 0) {
    problems.push(`${path || 'pattern'}: empty objects are not allowed`);
    return;
  }
  for (const [key, value] of entries) {
    const here = join(path, key);
    if (key === OR_KEY) {
      validateOr(value, here, path, problems);
    } else if (insideOr && MATCHER_KEYS.has(key)) {
      problems.push(`${here}: "${key}" is a reserved name and cannot be used as a field inside $or`);
    } else if (Array.isArray(value)) {
      validateAlternatives(value, here, problems);
    } else if (isPlainObject(value)) {
      validateObject(value, here, problems, insideOr);
    } else {
      problems.push(`${here}: must be an object or an array of values to match`);
    }
  }
}

function validateOr(value: unknown, here: string, path: string, problems: string[]): void {
  if (!Array.isArray(value)) {
    problems.push(`${here}: must be an array of objects`);
    return;
  }
  if (value.length < 2) problems.push(`${here}: must hold at least 2 objects`);
  value.forEach((branch, index) => {
    if (isPlainObject(branch)) validateObject(branch, path, problems, true);
    else problems.push(`${here}[${index}]: only objects are allowed in $or`);
  });
}

function validateAlternatives(values: unknown[], path: string, problems: string[]): void {
  if (values.length === 0) problems.push(`${path}: empty arrays are not allowed`);
  values.forEach((value, index) => {
    const here = `${path}[${index}]`;
    if (isLeaf(value)) return;
    if (!isPlainObject(value)) {
      problems.push(`${here}: a match value must be a string, number, boolean, null or a matcher object`);
      return;
    }
    const entries = Object.entries(value);
    const [first] = entries;
    if (!first) {
      problems.push(`${here}: a matcher object needs exactly one key`);
      return;
    }
    if (entries.length > 1) problems.push(`${here}: only one key is allowed in a matcher object`);
    const problem = matcherProblem(first[0], first[1]);
    if (problem) problems.push(`${here}: ${problem}`);
  });
}

function matcherProblem(operator: string, operand: unknown): string | undefined {
  switch (operator) {
    case 'prefix':
    case 'suffix':
      return isStringOrIgnoreCase(operand)
        ? undefined
        : `${operator} must be a string or { "equals-ignore-case": string }`;
    case 'equals-ignore-case':
      return typeof operand === 'string' ? undefined : 'equals-ignore-case must be a string';
    case 'wildcard':
      return typeof operand === 'string' ? wildcardProblem(operand) : 'wildcard must be a string';
    case 'exists':
      return typeof operand === 'boolean' ? undefined : 'exists must be true or false';
    case 'numeric':
      return numericProblem(operand);
    case 'cidr':
      return typeof operand === 'string' && parseCidr(operand)
        ? undefined
        : 'cidr must be a valid IPv4 or IPv6 CIDR block';
    case 'anything-but':
      return anythingButProblem(operand);
    default:
      return `unrecognized match type "${operator}"`;
  }
}

function isStringOrIgnoreCase(operand: unknown): boolean {
  if (typeof operand === 'string') return true;
  return (
    isPlainObject(operand) &&
    Object.keys(operand).length === 1 &&
    typeof operand['equals-ignore-case'] === 'string'
  );
}

function wildcardProblem(pattern: string): string | undefined {
  for (let i = 0; i < pattern.length; i += 1) {
    const char = pattern.charAt(i);
    if (char === '\\') {
      const next = pattern.charAt(i + 1);
      if (next !== '*' && next !== '\\') return 'wildcard: a backslash may only escape "*" or "\\"';
      i += 1;
    } else if (char === '*' && pattern.charAt(i + 1) === '*') {
      return 'wildcard: consecutive "*" characters are not allowed';
    }
  }
  return undefined;
}

function numericProblem(operand: unknown): string | undefined {
  if (!Array.isArray(operand) || operand.length === 0) return 'numeric must be a non-empty array';
  const [first, firstValue, second, secondValue, ...rest] = operand;
  const bad = (value: unknown) =>
    typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > NUMERIC_LIMIT;
  if (typeof first !== 'string' || !['=', '<', '<=', '>', '>='].includes(first)) {
    return `numeric: unrecognized operator ${JSON.stringify(first)}`;
  }
  if (bad(firstValue)) return `numeric: the value of ${first} must be a number between -5e9 and 5e9`;
  if (operand.length === 2) return undefined;
  if (first === '=' || first === '<' || first === '<=') return 'numeric: too many elements';
  if (second !== '<' && second !== '<=') return `numeric: bad range operator ${JSON.stringify(second)}`;
  if (bad(secondValue)) return `numeric: the value of ${second} must be a number between -5e9 and 5e9`;
  if (rest.length > 0) return 'numeric: too many elements';
  if ((firstValue as number) >= (secondValue as number))
    return 'numeric: the lower bound must be below the upper bound';
  return undefined;
}

function anythingButProblem(operand: unknown): string | undefined {
  if (typeof operand === 'string' || (typeof operand === 'number' && Number.isFinite(operand)))
    return undefined;
  if (Array.isArray(operand)) {
    const allStrings = operand.every((item) => typeof item === 'string');
    const allNumbers = operand.every((item) => typeof item === 'number');
    if (operand.length === 0) return 'anything-but: the list must not be empty';
    return allStrings || allNumbers
      ? undefined
      : 'anything-but: a list must hold only strings or only numbers';
  }
  if (!isPlainObject(operand))
    return 'anything-but must be a string, a number, a list of them, or a matcher object';
  const entries = Object.entries(operand);
  const [first] = entries;
  if (!first || entries.length > 1) return 'anything-but: a matcher object needs exactly one key';
  const [operator, inner] = first;
  switch (operator) {
    case 'prefix':
    case 'suffix':
      return typeof inner === 'string' && inner !== ''
        ? undefined
        : `anything-but: ${operator} must be a non-empty string`;
    case 'equals-ignore-case':
    case 'wildcard': {
      const values = Array.isArray(inner) ? inner : [inner];
      if (values.length === 0 || !values.every((value) => typeof value === 'string')) {
        return `anything-but: ${operator} must be a string or a list of strings`;
      }
      return operator === 'wildcard'
        ? values.map((value) => wildcardProblem(value as string)).find((problem) => problem !== undefined)
        : undefined;
    }
    default:
      return `anything-but: unsupported pattern "${operator}"`;
  }
}
