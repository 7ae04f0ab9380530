import { mkdtemp, copyFile, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CLIENT_TYPES_PATH, OPENAPI_PATH, openApiDocument, routes, syncFiles, typeOf } from '@chat/openapi';

const repoRoot = path.join(__dirname, '..', '..', '..', '..');

describe('the generated OpenAPI document and client types', () => {
  it('are current (else run npm run docs:openapi)', async () => {
    expect(await syncFiles(repoRoot, routes, { check: true })).toEqual([]);
  });

  it('are reported stale, then written, when they differ from the route table', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'openapi-'));
    try {
      await copyFile(path.join(repoRoot, '.prettierrc.json'), path.join(root, '.prettierrc.json'));

      const missing = await syncFiles(root, routes, { check: true });
      const written = await syncFiles(root, routes, { check: false });
      const after = await syncFiles(root, routes, { check: true });

      expect(missing).toEqual([OPENAPI_PATH, CLIENT_TYPES_PATH]);
      expect(written).toEqual(missing);
      expect(after).toEqual([]);
      expect(await readFile(path.join(root, OPENAPI_PATH), 'utf8')).toContain('"openapi": "3.1.0"');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('describe every route once, with the request body schema its handler validates with', () => {
    const doc = openApiDocument(routes, { version: '0.0.0' }) as {
      paths: Record<string, Record<string, { operationId: string; requestBody?: unknown }>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
    };
    const operations = Object.values(doc.paths).flatMap((methods) => Object.values(methods));

    expect(new Set(operations.map((o) => o.operationId)).size).toBe(routes.length);
    expect(doc.components.schemas.CreateRoomRequest?.required).toEqual(['name', 'visibility']);
    // Fields with a default may be left out by clients.
    expect(doc.components.schemas.SendMessageRequest?.required ?? []).toEqual([]);
    expect(Object.keys(doc.components.schemas.Message?.properties ?? {})).toEqual(
      expect.arrayContaining(['messageId', 'seq', 'version', 'deletedAt']),
    );
  });
});

describe('typeOf', () => {
  it.each([
    [{ type: 'string' }, 'string'],
    [{ type: 'integer' }, 'number'],
    [{ type: ['string', 'null'] }, 'string | null'],
    [{ enum: ['a', 'b'] }, '"a" | "b"'],
    [{ const: 'Bearer' }, '"Bearer"'],
    [{ type: 'array', items: { $ref: '#/components/schemas/Room' } }, 'Room[]'],
    [{ anyOf: [{ $ref: '#/components/schemas/Room' }, { type: 'null' }] }, 'Room | null'],
    [{ type: 'object', additionalProperties: { type: 'string' } }, 'Record<string, string>'],
    [{ not: {} }, 'unknown'],
  ])('types %j as %s', (schema, expected) => {
    expect(typeOf(schema)).toBe(expected);
  });

  it('types an object with its required and optional properties', () => {
    const schema = {
      type: 'object',
      properties: { a: { type: 'string' }, 'b-c': { type: 'boolean' } },
      required: ['a'],
    };

    expect(typeOf(schema)).toBe('{\n  a: string;\n  "b-c"?: boolean;\n}');
  });
});
