import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  asyncApiDocument,
  envelopeSchema,
  eventContracts,
  exampleEnvelopes,
  publishedContracts,
} from '../../src/index';
import { snapshotsDir, syncDocFiles } from '../../scripts/doc-files';

const repoRoot = path.join(__dirname, '..', '..', '..', '..');

describe('generated event docs', () => {
  it('are current in docs/events (else run npx tsx libs/events/scripts/generate-docs.ts)', async () => {
    const report = await syncDocFiles(repoRoot, publishedContracts, { check: true });

    expect(report).toEqual({ stale: [], orphans: [] });
  });

  it('write every schema, the AsyncAPI document and missing snapshots, but never overwrite a snapshot', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'events-docs-'));
    try {
      const kept = path.join(root, snapshotsDir, 'MessageSent.v1.json');
      await mkdir(path.dirname(kept), { recursive: true });
      await writeFile(kept, '{"kept":true}\n');

      const first = await syncDocFiles(root, publishedContracts, { check: false });
      const second = await syncDocFiles(root, publishedContracts, { check: true });

      expect(first.stale).toContain('docs/events/asyncapi.json');
      expect(first.stale).toContain('docs/events/schemas/MessageSent.v1.json');
      expect(first.stale).toContain(`${snapshotsDir}/UserJoined.v1.json`);
      expect(first.stale).not.toContain(`${snapshotsDir}/MessageSent.v1.json`);
      expect(await readFile(kept, 'utf8')).toBe('{"kept":true}\n');
      expect(second).toEqual({ stale: [], orphans: [] });
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('report and remove the schema file of a version no longer published', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'events-docs-'));
    try {
      await syncDocFiles(root, publishedContracts, { check: false });
      await writeFile(path.join(root, 'docs/events/schemas/Gone.v1.json'), '{}\n');

      const check = await syncDocFiles(root, publishedContracts, { check: true });
      await syncDocFiles(root, publishedContracts, { check: false });
      const after = await syncDocFiles(root, publishedContracts, { check: true });

      expect(check.orphans).toEqual(['docs/events/schemas/Gone.v1.json']);
      expect(after.orphans).toEqual([]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('describe every event in the AsyncAPI document with examples that match the contract', () => {
    const doc = asyncApiDocument(publishedContracts, { version: '0.0.0' }) as {
      asyncapi: string;
      channels: Record<string, unknown>;
      components: { messages: Record<string, { examples: Array<{ payload: unknown }> }> };
    };

    expect(doc.asyncapi).toBe('2.6.0');
    expect(Object.keys(doc.channels).sort()).toEqual(Object.keys(eventContracts).sort());
    for (const contract of publishedContracts) {
      const message = doc.components.messages[`${contract.detailType}.v${contract.version}`];
      expect(message?.examples).toHaveLength(contract.examples.length);
      for (const example of message?.examples ?? []) {
        expect(envelopeSchema(contract).safeParse(example.payload).success).toBe(true);
      }
    }
  });

  it('use stable example envelopes, so regenerating changes nothing', () => {
    expect(exampleEnvelopes(eventContracts.UserLeft)).toEqual(exampleEnvelopes(eventContracts.UserLeft));
  });
});
