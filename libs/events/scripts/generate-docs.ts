/**
 * Generates docs/events (a JSON Schema per event version and asyncapi.json) from the zod contracts,
 * and creates the compatibility snapshot of each newly published version in libs/events/snapshots.
 *   npx tsx libs/events/scripts/generate-docs.ts          write what is out of date
 *   npx tsx libs/events/scripts/generate-docs.ts --check  exit 1 when anything is out of date
 */
import path from 'node:path';
import { publishedContracts } from '../src/index';
import { syncDocFiles } from './doc-files';

async function main(): Promise<number> {
  const check = process.argv.includes('--check');
  const repoRoot = path.resolve(__dirname, '..', '..', '..');
  const report = await syncDocFiles(repoRoot, publishedContracts, { check });
  const changed = [...report.stale, ...report.orphans];
  if (check) {
    if (changed.length === 0) {
      console.log('event docs are current');
      return 0;
    }
    for (const file of report.stale) console.error(`out of date: ${file}`);
    for (const file of report.orphans) console.error(`no longer published: ${file}`);
    console.error('run: npx tsx libs/events/scripts/generate-docs.ts');
    return 1;
  }
  for (const file of report.stale) console.log(`wrote ${file}`);
  for (const file of report.orphans) console.log(`removed ${file}`);
  if (changed.length === 0) console.log('event docs are current');
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
