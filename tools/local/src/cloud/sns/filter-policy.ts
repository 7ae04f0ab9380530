/**
 * SNS subscription filter policies with the `MessageAttributes` scope.
 *
 * A policy is a JSON object: every key names a message attribute and holds a list of conditions;
 * a message matches when, for every key, the attribute matches at least one condition
 * (and, with `$or`, at least one of the alternative policies matches too).
 * Conditions: exact strings and numbers, `prefix`, `suffix`, `equals-ignore-case`,
 * `anything-but` (values, or one `prefix`/`suffix`), `numeric` (`=`, `<`, `<=`, `>`, `>=`, up to a range)
 * and `exists`. An absent attribute matches only `{ "exists": false }`. `String` attributes match string
 * conditions, `Number` attributes numeric ones, `String.Array` attributes match when one of their
 * elements does; `Binary` attributes only count for `exists`.
 */
import type { SnsMessageAttributes } from './types';

export class FilterPolicyError extends Error {
  constructor(reason: string) {
    super(`Invalid parameter: FilterPolicy: ${reason}`);
    this.name = 'FilterPolicyError';
  }
}

type AttributeValue = { kind: 'string'; value: string } | { kind: 'number'; value: number };
type ValueMatcher = (value: AttributeValue) => boolean;
type Condition = { kind: 'exists'; exists: boolean } | { kind: 'value'; matches: ValueMatcher };

export interface CompiledFilterPolicy {
  keys: Array<{ name: string; conditions: Condition[] }>;
  /** `$or`: at least one of these must match as well. */
  anyOf: CompiledFilterPolicy[];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const NUMERIC_OPERATORS: Record<string, (a: number, b: number) => boolean> = {
  '=': (a, b) => a === b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Parses and validates a policy; throws FilterPolicyError with the reason when it is not valid. */
export function parseFilterPolicy(text: string): CompiledFilterPolicy {
  let json: Json;
  try {
    json = JSON.parse(text) as Json;
  } catch {
    throw new FilterPolicyError('failed to parse JSON');
  }
  if (!isObject(json)) throw new FilterPolicyError('the policy must be a JSON object');
  return compilePolicy(json);
}

function compilePolicy(policy: JsonObject): CompiledFilterPolicy {
  const compiled: CompiledFilterPolicy = { keys: [], anyOf: [] };
  for (const [name, rules] of Object.entries(policy)) {
    if (name === '$or') {
      if (!Array.isArray(rules) || rules.length < 2 || !rules.every(isObject)) {
        throw new FilterPolicyError('$or must be a list of at least two policies');
      }
      compiled.anyOf = rules.map((rule) => compilePolicy(rule as JsonObject));
      continue;
    }
    if (isObject(rules)) {
      throw new FilterPolicyError(
        `"${name}": nested keys are not supported with the MessageAttributes scope`,
      );
    }
    if (!Array.isArray(rules) || rules.length === 0) {
      throw new FilterPolicyError(`"${name}" must be a non-empty list of conditions`);
    }
    compiled.keys.push({ name, conditions: rules.map((rule) => compileCondition(name, rule)) });
  }
  if (compiled.keys.length === 0 && compiled.anyOf.length === 0)
    throw new FilterPolicyError('the policy is empty');
  return compiled;
}

function compileCondition(name: string, rule: Json): Condition {
  if (typeof rule === 'string' || typeof rule === 'number') return { kind: 'value', matches: equalTo(rule) };
  if (!isObject(rule))
    throw new FilterPolicyError(`"${name}": unsupported condition ${JSON.stringify(rule)}`);
  const entries = Object.entries(rule);
  const [operator, operand] = entries[0] ?? [];
  if (entries.length !== 1 || operator === undefined || operand === undefined) {
    throw new FilterPolicyError(`"${name}": a condition object holds exactly one operator`);
  }
  switch (operator) {
    case 'exists':
      if (typeof operand !== 'boolean') throw new FilterPolicyError(`"${name}": exists takes true or false`);
      return { kind: 'exists', exists: operand };
    case 'prefix':
    case 'suffix':
    case 'equals-ignore-case':
      return { kind: 'value', matches: stringOperator(name, operator, operand) };
    case 'anything-but':
      return { kind: 'value', matches: anythingBut(name, operand) };
    case 'numeric':
      return { kind: 'value', matches: numeric(name, operand) };
    default:
      throw new FilterPolicyError(`"${name}": unsupported operator ${operator}`);
  }
}

function equalTo(expected: string | number): ValueMatcher {
  return (actual) => actual.value === expected;
}

function stringOperator(name: string, operator: string, operand: Json): ValueMatcher {
  if (typeof operand !== 'string') throw new FilterPolicyError(`"${name}": ${operator} takes a string`);
  const lower = operand.toLowerCase();
  return ({ kind, value }) => {
    if (kind !== 'string') return false;
    if (operator === 'prefix') return value.startsWith(operand);
    if (operator === 'suffix') return value.endsWith(operand);
    return value.toLowerCase() === lower;
  };
}

function anythingBut(name: string, operand: Json): ValueMatcher {
  if (isObject(operand)) {
    const [[operator, inner] = []] = Object.entries(operand);
    if (
      Object.keys(operand).length !== 1 ||
      (operator !== 'prefix' && operator !== 'suffix') ||
      inner === undefined
    ) {
      throw new FilterPolicyError(`"${name}": anything-but takes values or one prefix or suffix`);
    }
    const matches = stringOperator(name, operator, inner);
    return (value) => value.kind === 'string' && !matches(value);
  }
  const excluded = Array.isArray(operand) ? operand : [operand];
  if (
    excluded.length === 0 ||
    !excluded.every((value) => typeof value === 'string' || typeof value === 'number')
  ) {
    throw new FilterPolicyError(`"${name}": anything-but takes strings or numbers`);
  }
  return (actual) => !excluded.includes(actual.value);
}

function numeric(name: string, operand: Json): ValueMatcher {
  const invalid = (): FilterPolicyError =>
    new FilterPolicyError(`"${name}": numeric takes [operator, number] or a range [">", a, "<", b]`);
  if (!Array.isArray(operand) || (operand.length !== 2 && operand.length !== 4)) throw invalid();
  const comparisons: Array<(value: number) => boolean> = [];
  for (let index = 0; index < operand.length; index += 2) {
    const operator = operand[index];
    const bound = operand[index + 1];
    const compare = typeof operator === 'string' ? NUMERIC_OPERATORS[operator] : undefined;
    if (!compare || typeof bound !== 'number') throw invalid();
    comparisons.push((value) => compare(value, bound));
  }
  if (operand.length === 4 && !(String(operand[0]).startsWith('>') && String(operand[2]).startsWith('<'))) {
    throw invalid();
  }
  return (actual) => actual.kind === 'number' && comparisons.every((compare) => compare(actual.value));
}

/** The values an attribute offers to conditions; undefined when the message does not carry it. */
function attributeValues(attributes: SnsMessageAttributes, name: string): AttributeValue[] | undefined {
  if (!Object.hasOwn(attributes, name)) return undefined;
  const attribute = attributes[name];
  if (!attribute) return undefined;
  const { DataType: type, StringValue: text } = attribute;
  if (text === undefined || type.startsWith('Binary')) return [];
  if (type.startsWith('Number')) {
    const value = Number(text);
    return Number.isFinite(value) ? [{ kind: 'number', value }] : [];
  }
  if (type.startsWith('String.Array')) {
    let elements: unknown;
    try {
      elements = JSON.parse(text);
    } catch {
      return [];
    }
    if (!Array.isArray(elements)) return [];
    return elements.flatMap((element): AttributeValue[] => {
      if (typeof element === 'string') return [{ kind: 'string', value: element }];
      if (typeof element === 'number') return [{ kind: 'number', value: element }];
      return [];
    });
  }
  return [{ kind: 'string', value: text }];
}

export function matchesFilterPolicy(policy: CompiledFilterPolicy, attributes: SnsMessageAttributes): boolean {
  const keysMatch = policy.keys.every(({ name, conditions }) => {
    const values = attributeValues(attributes, name);
    return conditions.some((condition) => {
      if (condition.kind === 'exists') return condition.exists === (values !== undefined);
      return values !== undefined && values.some(condition.matches);
    });
  });
  return (
    keysMatch &&
    (policy.anyOf.length === 0 || policy.anyOf.some((alt) => matchesFilterPolicy(alt, attributes)))
  );
}
