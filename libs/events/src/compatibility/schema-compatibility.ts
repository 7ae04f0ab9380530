/** A JSON Schema document or sub-schema. */
export type JsonSchemaNode = Record<string, unknown>;

export type BreakingChangeKind =
  'removed' | 'retyped' | 'became-required' | 'became-optional' | 'values-changed' | 'constraint-changed';

export interface BreakingChange {
  /** The field, e.g. `data.mentions[]`; empty for the root. */
  path: string;
  kind: BreakingChangeKind;
  detail: string;
}

const constraintKeys = [
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
] as const;

const isNode = (value: unknown): value is JsonSchemaNode =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const stable = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    isNode(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  ) ?? 'undefined';

function typesOf(node: JsonSchemaNode): string | undefined {
  const { type } = node;
  if (type === undefined) return undefined;
  const list = (Array.isArray(type) ? type : [type]).map(String).sort();
  return list.join('|');
}

function valuesOf(node: JsonSchemaNode): string | undefined {
  if ('const' in node) return stable(node.const);
  if (Array.isArray(node.enum))
    return node.enum
      .map((value: unknown) => stable(value))
      .sort()
      .join(' | ');
  return undefined;
}

const join = (path: string, key: string) => (path === '' ? key : `${path}.${key}`);

function resolveRef(root: JsonSchemaNode, node: JsonSchemaNode): JsonSchemaNode {
  let current = node;
  for (let depth = 0; typeof current.$ref === 'string' && depth < 32; depth += 1) {
    const ref: string = current.$ref;
    if (!ref.startsWith('#')) throw new Error(`only local $ref are supported, got ${ref}`);
    let target: unknown = root;
    for (const part of ref.slice(1).split('/').filter(Boolean)) {
      const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
      target = isNode(target) ? target[key] : undefined;
    }
    if (!isNode(target)) throw new Error(`unresolvable $ref ${ref}`);
    current = target;
  }
  return current;
}

/**
 * Lists the changes from `previous` to `current` that break a published event version, for producers
 * or consumers that keep validating against the other side's schema:
 * - a field removed (or renamed: the old name is removed), its type changed, its allowed values
 *   (enum/const), format, pattern or bounds changed;
 * - a new required field, an optional field made required, or a required field made optional.
 * Adding an optional field and changing titles, descriptions or examples are compatible.
 * (A `pattern` is only compared when no `format` is set, since a format's generated pattern may vary
 * across zod releases.)
 */
export function findBreakingChanges(previous: JsonSchemaNode, current: JsonSchemaNode): BreakingChange[] {
  const changes: BreakingChange[] = [];

  const compare = (prevNode: JsonSchemaNode, currNode: JsonSchemaNode, path: string) => {
    const prev = resolveRef(previous, prevNode);
    const curr = resolveRef(current, currNode);
    /** A change of one facet of the node: `<facet> <before> became <after>`. */
    const changed = (kind: BreakingChangeKind, facet: string, before: unknown, after: unknown) => {
      changes.push({ path, kind, detail: `${facet} ${String(before)} became ${String(after)}` });
    };
    const prevType = typesOf(prev);
    const currType = typesOf(curr);
    if (prevType !== currType) {
      changed('retyped', 'type', prevType ?? 'any', currType ?? 'any');
      return;
    }
    const prevValues = valuesOf(prev);
    const currValues = valuesOf(curr);
    if (prevValues !== currValues) {
      changed('values-changed', 'allowed values', prevValues ?? 'any', currValues ?? 'any');
    }
    if (prev.format !== curr.format) changed('constraint-changed', 'format', prev.format, curr.format);
    if (prev.format === undefined && curr.format === undefined && prev.pattern !== curr.pattern) {
      changed('constraint-changed', 'pattern', prev.pattern, curr.pattern);
    }
    for (const key of constraintKeys) {
      if (prev[key] !== curr[key]) changed('constraint-changed', key, prev[key], curr[key]);
    }

    if (isNode(prev.properties) || isNode(curr.properties)) {
      const prevProps = isNode(prev.properties) ? prev.properties : {};
      const currProps = isNode(curr.properties) ? curr.properties : {};
      const prevRequired = new Set(Array.isArray(prev.required) ? prev.required.map(String) : []);
      const currRequired = new Set(Array.isArray(curr.required) ? curr.required.map(String) : []);
      for (const [key, prevChild] of Object.entries(prevProps)) {
        const childPath = join(path, key);
        const currChild = currProps[key];
        if (!isNode(currChild)) {
          changes.push({ path: childPath, kind: 'removed', detail: 'field removed or renamed' });
          continue;
        }
        if (prevRequired.has(key) && !currRequired.has(key)) {
          changes.push({
            path: childPath,
            kind: 'became-optional',
            detail: 'required field became optional',
          });
        }
        if (!prevRequired.has(key) && currRequired.has(key)) {
          changes.push({
            path: childPath,
            kind: 'became-required',
            detail: 'optional field became required',
          });
        }
        if (isNode(prevChild)) compare(prevChild, currChild, childPath);
      }
      for (const key of Object.keys(currProps)) {
        if (!(key in prevProps) && currRequired.has(key)) {
          changes.push({ path: join(path, key), kind: 'became-required', detail: 'new required field' });
        }
      }
    }

    if (isNode(prev.items) || isNode(curr.items)) {
      compare(isNode(prev.items) ? prev.items : {}, isNode(curr.items) ? curr.items : {}, `${path}[]`);
    }

    for (const combinator of ['anyOf', 'oneOf', 'allOf'] as const) {
      const prevList = Array.isArray(prev[combinator]) ? (prev[combinator] as unknown[]) : [];
      const currList = Array.isArray(curr[combinator]) ? (curr[combinator] as unknown[]) : [];
      if (prevList.length !== currList.length) {
        changes.push({
          path,
          kind: 'retyped',
          detail: `${combinator} of ${prevList.length} became ${currList.length} alternatives`,
        });
        continue;
      }
      prevList.forEach((prevChild, index) => {
        const currChild = currList[index];
        if (isNode(prevChild) && isNode(currChild))
          compare(prevChild, currChild, `${path}<${combinator}${index}>`);
      });
    }
  };

  compare(previous, current, '');
  return changes;
}

/** One line per breaking change, for test failures and CI output. */
export function describeBreakingChanges(changes: readonly BreakingChange[]): string {
  return changes.map((c) => `${c.path || '(root)'}: ${c.kind} (${c.detail})`).join('\n');
}
