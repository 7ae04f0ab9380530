/**
 * Generates docs/openapi.json and the client's types (clients/sdk/src/generated) from the route table.
 *   npm run docs:openapi            write what is out of date
 *   npm run docs:openapi -- --check exit 1 when anything is out of date
 */
import path from 'node:path';
import { syncFiles } from './files';
import { routes } from './routes';

async function main(): Promise<number> {
  const check = process.argv.includes('--check');
  const repoRoot = path.resolve(__dirname, '..', '..', '..');
  const stale = await syncFiles(repoRoot, routes, { check });
  for (const file of stale)
    (check ? console.error : console.log)(`${check ? 'out of date' : 'wrote'}: ${file}`);
  if (stale.length === 0) console.log('the OpenAPI document and the client types are current');
  if (check && stale.length > 0) {
    console.error('run: npm run docs:openapi');
    return 1;
  }
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
