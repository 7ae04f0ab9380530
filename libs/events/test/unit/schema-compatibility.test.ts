import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import * as z from 'zod';
import {
  contractVersionName,
  defineContract,
  describeBreakingChanges,
  eventJsonSchema,
  findBreakingChanges,
  type JsonSchemaNode,
  publishedContracts,
} from '../../src/index';

const snapshotsDir = path.join(__dirname, '..', '..', 'snapshots');

/** The JSON Schema of a contract (v1 of a test event) whose data has the given zod shape. */
const schemaOf = (data: z.ZodType): JsonSchemaNode =>
  eventJsonSchema(
    defineContract({
      detailType: 'ThingHappened',
      source: 'chat.rooms',
      version: 1,
      description: 'A test event.',
      schema: data,
      examples: [{}],
    }),
  );

const original = z.object({
  thingId: z.string().min(1),
  kind: z.enum(['a', 'b']),
  count: z.number().int(),
  tags: z.array(z.string()),
  note: z.string().optional(),
  owner: z.object({ userId: z.string() }),
});

const kindsAndPaths = (current: z.ZodType) =>
  findBreakingChanges(schemaOf(original), schemaOf(current)).map((c) => `${c.kind} ${c.path}`);

describe('findBreakingChanges', () => {
  it('finds nothing between a schema and itself', () => {
    expect(kindsAndPaths(original)).toEqual([]);
  });

  it('accepts a new optional field and a changed description', () => {
    expect(
      kindsAndPaths(original.extend({ color: z.string().optional() }).describe('now documented')),
    ).toEqual([]);
  });

  it('reports a removed field', () => {
    expect(kindsAndPaths(original.omit({ count: true }))).toEqual(['removed data.count']);
  });

  it('reports a renamed field as the old name removed (and a new required field)', () => {
    const renamed = original.omit({ thingId: true }).extend({ id: z.string().min(1) });

    expect(kindsAndPaths(renamed)).toEqual(['removed data.thingId', 'became-required data.id']);
  });

  it('reports a retyped field, also inside nested objects and arrays', () => {
    const retyped = original.extend({
      count: z.string(),
      owner: z.object({ userId: z.number() }),
      tags: z.array(z.number()),
    });

    expect(kindsAndPaths(retyped)).toEqual([
      'retyped data.count',
      'retyped data.tags[]',
      'retyped data.owner.userId',
    ]);
  });

  it('reports a new required field', () => {
    expect(kindsAndPaths(original.extend({ color: z.string() }))).toEqual(['became-required data.color']);
  });

  it('reports a field that became optional or required', () => {
    const flipped = original.extend({ kind: z.enum(['a', 'b']).optional(), note: z.string() });

    expect(kindsAndPaths(flipped)).toEqual(['became-optional data.kind', 'became-required data.note']);
  });

  it('reports changed enum values and changed bounds', () => {
    const narrowed = original.extend({ kind: z.enum(['a', 'b', 'c']), thingId: z.string().min(1).max(10) });

    expect(kindsAndPaths(narrowed)).toEqual(['constraint-changed data.thingId', 'values-changed data.kind']);
  });

  it('describes each change on its own line', () => {
    const changes = findBreakingChanges(schemaOf(original), schemaOf(original.omit({ note: true })));

    expect(describeBreakingChanges(changes)).toBe('data.note: removed (field removed or renamed)');
  });

  it('follows local $refs', () => {
    const previous = {
      $defs: { id: { type: 'string' } },
      type: 'object',
      properties: { a: { $ref: '#/$defs/id' } },
    };
    const current = {
      $defs: { id: { type: 'number' } },
      type: 'object',
      properties: { a: { $ref: '#/$defs/id' } },
    };

    expect(findBreakingChanges(previous, current).map((c) => `${c.kind} ${c.path}`)).toEqual(['retyped a']);
  });
});

describe('published contract snapshots', () => {
  it.each(publishedContracts.map((c) => [contractVersionName(c), c] as const))(
    '%s is compatible with the snapshot taken when it was first published',
    (name, contract) => {
      const file = path.join(snapshotsDir, `${name}.json`);
      if (!existsSync(file)) {
        throw new Error(`no snapshot ${file}: run npx tsx libs/events/scripts/generate-docs.ts`);
      }
      const snapshot = JSON.parse(readFileSync(file, 'utf8')) as JsonSchemaNode;

      const changes = findBreakingChanges(snapshot, eventJsonSchema(contract));

      expect(describeBreakingChanges(changes)).toBe('');
    },
  );
});
