import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildBundles, loadComposition, REPO_ROOT } from '@chat/local';
import { emptyNodeMs, measureInit, sizeOf, type ColdFigures, type ColdTarget } from './measure';
import { parseColdOptions } from './options';

/**
 * `npm run bench:cold`: every function's deploy bundle (the shared esbuild settings), its size, and its module
 * init, each load in a fresh node process with the function's environment (NODE_OPTIONS included, as Lambda
 * runs it). Flags: `--runs N` (loads per function, default 5), `--only <service or service.function>`.
 */
// The values the local stack would put in place of what the framework and cognito-local provide.
const PLACEHOLDERS = {
  stage: 'local',
  region: 'us-east-1',
  accountId: '000000000000',
  typeOverrides: {
    'AWS::Cognito::UserPool': {
      Ref: 'us-east-1_bench',
      Arn: 'arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_bench',
      ProviderName: '127.0.0.1:9/us-east-1_bench',
      ProviderURL: 'http://127.0.0.1:9/us-east-1_bench',
    },
    'AWS::Cognito::UserPoolClient': { Ref: 'bench-client' },
  },
  generatedResources: { HttpApi: { Ref: 'benchhttp' }, WebsocketsApi: { Ref: 'benchws' } },
  generatedOutputs: {
    HttpApiId: 'benchhttp',
    HttpApiUrl: 'http://127.0.0.1:9',
    ServiceEndpointWebsocket: 'ws://127.0.0.1:9',
  },
};

function targets(only: string | undefined): ColdTarget[] {
  return loadComposition(REPO_ROOT, PLACEHOLDERS)
    .flatMap((service) => service.functions)
    .filter((fn) => !only || fn.qualifiedName === only || fn.service === only)
    .map((fn) => ({ name: fn.qualifiedName, handlerFile: fn.handlerFile, environment: fn.environment }));
}

const kb = (bytes: number) => (bytes / 1024).toFixed(0).padStart(5);
const ms = (value: number) => value.toFixed(1).padStart(7);
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN;
};

async function main(): Promise<void> {
  const { runs, only } = parseColdOptions(process.argv.slice(2));
  const list = targets(only);
  if (list.length === 0) throw new Error(`No function matches "${only}"`);
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'chat-bench-cold-'));
  try {
    const nodeOptions = list[0]?.environment.NODE_OPTIONS;
    const nodeModules = path.join(REPO_ROOT, 'node_modules');
    const empty = emptyNodeMs(nodeOptions, runs);
    process.stdout.write(
      `[bench:cold] ${list.length} functions, ${runs} loads each; empty node (NODE_OPTIONS=${nodeOptions ?? ''}): ` +
        `${empty.toFixed(1)} ms\n`,
    );
    process.stdout.write(`${'function'.padEnd(44)}   KB JS  KB gz  init above empty (ms)  require (ms)\n`);
    // Built as the local stack builds them: the deploy's esbuild settings, one esbuild call for all.
    const { files } = await buildBundles({
      entries: Object.fromEntries(list.map((target) => [target.name, target.handlerFile])),
      cacheDir: outDir,
      root: REPO_ROOT,
    });
    const figures: ColdFigures[] = [];
    for (const target of list) {
      const file = files[target.name] as string;
      const built = sizeOf(file);
      const init = measureInit(target, file, { runs, emptyMs: empty, nodeModules });
      figures.push({ name: target.name, bytes: built.bytes, gzipBytes: built.gzipBytes, ...init });
      process.stdout.write(
        `${target.name.padEnd(44)}   ${kb(built.bytes)}  ${kb(built.gzipBytes)}  ${ms(init.initAboveEmptyMs).padStart(21)}  ${ms(init.requireMs).padStart(12)}\n`,
      );
    }
    const sizes = figures.map((f) => f.bytes);
    const inits = figures.map((f) => f.initAboveEmptyMs);
    process.stdout.write(
      `[bench:cold] bundle KB: min ${kb(Math.min(...sizes)).trim()}, median ${kb(median(sizes)).trim()}, ` +
        `max ${kb(Math.max(...sizes)).trim()}; over 150 KB: ${sizes.filter((b) => b > 150 * 1024).length}/${figures.length}\n` +
        `[bench:cold] init above empty node, ms: median ${median(inits).toFixed(1)}, max ${Math.max(...inits).toFixed(1)}; ` +
        `over 40 ms: ${inits.filter((v) => v > 40).length}/${figures.length}\n`,
    );
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
