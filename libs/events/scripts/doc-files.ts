import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as babelPlugin from 'prettier/plugins/babel';
import * as estreePlugin from 'prettier/plugins/estree';
import type { Options } from 'prettier';
import { format } from 'prettier/standalone';
import packageJson from '../package.json';
import { asyncApiDocument, contractVersionName, type EventContract, eventJsonSchema } from '../src/index';

/** Generated docs and snapshots, relative to the repository root. */
export const schemasDir = 'docs/events/schemas';
export const asyncApiPath = 'docs/events/asyncapi.json';
export const snapshotsDir = 'libs/events/snapshots';

export interface DocFile {
  /** Relative to the repository root. */
  relativePath: string;
  content: string;
  /** `generated` files are rewritten when out of date; a `snapshot` is written once and never again. */
  kind: 'generated' | 'snapshot';
}

export interface SyncReport {
  /** Files that were out of date or missing: written, unless checking. */
  stale: string[];
  /** Generated schema files of versions no longer published (deleted unless checking). */
  orphans: string[];
}

/**
 * The repository's prettier options (.prettierrc.json at its root), so that generated files pass
 * `prettier --check`. Prettier's standalone build is used: its Node entry loads plugins with a dynamic
 * import, which jest cannot run.
 */
async function prettierOptions(repoRoot: string): Promise<Options> {
  const text = await readIfExists(path.join(repoRoot, '.prettierrc.json'));
  return text === undefined ? {} : (JSON.parse(text) as Options);
}

async function formatJson(options: Options, value: unknown): Promise<string> {
  return format(JSON.stringify(value), { ...options, parser: 'json', plugins: [babelPlugin, estreePlugin] });
}

/** Every file the generator owns, formatted as the repository's prettier config wants. */
export async function renderDocFiles(
  repoRoot: string,
  contracts: readonly EventContract[],
): Promise<DocFile[]> {
  const options = await prettierOptions(repoRoot);
  const files: DocFile[] = [];
  for (const contract of contracts) {
    const schema = eventJsonSchema(contract);
    const name = `${contractVersionName(contract)}.json`;
    for (const [dir, kind] of [
      [schemasDir, 'generated'],
      [snapshotsDir, 'snapshot'],
    ] as const) {
      const relativePath = `${dir}/${name}`;
      files.push({ relativePath, kind, content: await formatJson(options, schema) });
    }
  }
  const asyncApi = asyncApiDocument(contracts, { version: packageJson.version });
  files.push({ relativePath: asyncApiPath, kind: 'generated', content: await formatJson(options, asyncApi) });
  return files;
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Brings docs/events up to date (or, with `check`, only reports what is not): generated files are
 * rewritten when they differ, snapshots are created when missing and never overwritten, and schema
 * files of versions no longer published are removed.
 */
export async function syncDocFiles(
  repoRoot: string,
  contracts: readonly EventContract[],
  options: { check: boolean },
): Promise<SyncReport> {
  const report: SyncReport = { stale: [], orphans: [] };
  const files = await renderDocFiles(repoRoot, contracts);
  for (const file of files) {
    const absolute = path.join(repoRoot, file.relativePath);
    const existing = await readIfExists(absolute);
    const stale = file.kind === 'snapshot' ? existing === undefined : existing !== file.content;
    if (!stale) continue;
    report.stale.push(file.relativePath);
    if (!options.check) {
      await fs.mkdir(path.dirname(absolute), { recursive: true });
      await fs.writeFile(absolute, file.content, { flag: file.kind === 'snapshot' ? 'wx' : 'w' });
    }
  }
  const expected = new Set(files.map((f) => f.relativePath));
  let entries: string[] = [];
  try {
    entries = await fs.readdir(path.join(repoRoot, schemasDir));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  for (const entry of entries) {
    const relativePath = `${schemasDir}/${entry}`;
    if (!entry.endsWith('.json') || expected.has(relativePath)) continue;
    report.orphans.push(relativePath);
    if (!options.check) await fs.rm(path.join(repoRoot, relativePath));
  }
  return report;
}
