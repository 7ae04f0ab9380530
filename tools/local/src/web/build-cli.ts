import { rm } from 'node:fs/promises';
import path from 'node:path';
import { REPO_ROOT } from '../config';
import { bundle, bundleSizes, webSourceHash } from './build';

/**
 * `npm run build -w @chat/web [-- <folder>]`: the web app's static files (default `clients/web/dist/`), for any
 * static host; serve a `config.json` (`{"httpUrl","wsUrl"}`) beside them.
 */
async function main(): Promise<void> {
  const outDir = path.resolve(process.argv[2] ?? path.join(REPO_ROOT, 'clients', 'web', 'dist'));
  await rm(outDir, { recursive: true, force: true });
  await bundle(outDir, await webSourceHash());
  const sizes = await bundleSizes(outDir);
  for (const [name, { raw, gzip }] of Object.entries(sizes)) {
    process.stdout.write(
      `${name.padEnd(11)} ${(raw / 1024).toFixed(1)} KB (${(gzip / 1024).toFixed(1)} KB gzipped)\n`,
    );
  }
  process.stdout.write(`built into ${outDir}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
