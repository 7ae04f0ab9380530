import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildBundles, loadComposition, REPO_ROOT } from '@chat/local';
import { emptyNode, measureInit, sizeOf, type ColdFigures, type ColdTarget } from './measure';
import { parseColdOptions } from './options';

/**
 * `npm run bench:cold`: every function's deploy bundle (the shared esbuild settings), its size, and its module
 * init (wall time and CPU time above an empty node), each load in a fresh node process with the function's
 * environment (NODE_OPTIONS included, as Lambda runs it), against the targets of 150 KB and 40 ms; medians per
 * service and over all. Flags: `--runs N` (loads per function, default 5), `--only <service or service.function>`.
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

/** The targets of issue "small cold starts": at most this much JavaScript, and this much init above empty node. */
const MAX_BYTES = 150 * 1024;
const MAX_INIT_MS = 40;
const mark = (ok: boolean) => (ok ? 'ok' : 'OVER');

function summary(label: string, figures: ColdFigures[]): string {
  const sizes = figures.map((f) => f.bytes);
  const walls = figures.map((f) => f.initAboveEmptyMs);
  const cpus = figures.map((f) => f.cpuAboveEmptyMs);
  return (
    `[bench:cold] ${label.padEnd(13)} median ${kb(median(sizes))} KB (max ${kb(Math.max(...sizes)).trim()}, ` +
    `over 150 KB: ${sizes.filter((b) => b > MAX_BYTES).length}/${figures.length}); init above empty, median ` +
    `wall ${ms(median(walls)).trim()} ms, CPU ${ms(median(cpus)).trim()} ms (over 40 ms: wall ` +
    `${walls.filter((v) => v > MAX_INIT_MS).length}, CPU ${cpus.filter((v) => v > MAX_INIT_MS).length}/${figures.length})\n`
  );
}

async function main(): Promise<void> {
  const { runs, only } = parseColdOptions(process.argv.slice(2));
  const list = targets(only);
  if (list.length === 0) throw new Error(`No function matches "${only}"`);
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'chat-bench-cold-'));
  try {
    const nodeOptions = list[0]?.environment.NODE_OPTIONS;
    const nodeModules = path.join(REPO_ROOT, 'node_modules');
    const empty = emptyNode(nodeOptions, runs);
    process.stdout.write(
      `[bench:cold] ${list.length} functions, ${runs} loads each; load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}; ` +
        `empty node (NODE_OPTIONS=${nodeOptions ?? ''}): ${empty.wallMs.toFixed(1)} ms wall, ${empty.cpuMs.toFixed(1)} ms CPU\n`,
    );
    process.stdout.write(
      `${'function'.padEnd(44)}   KB JS  KB gz  size  init above empty: wall (ms)  CPU (ms)  init  require (ms)\n`,
    );
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
      const init = measureInit(target, file, { runs, empty, nodeModules });
      figures.push({ name: target.name, bytes: built.bytes, gzipBytes: built.gzipBytes, ...init });
      process.stdout.write(
        `${target.name.padEnd(44)}   ${kb(built.bytes)}  ${kb(built.gzipBytes)}  ${mark(built.bytes <= MAX_BYTES).padStart(4)}` +
          `  ${ms(init.initAboveEmptyMs).padStart(26)}  ${ms(init.cpuAboveEmptyMs).padStart(8)}` +
          `  ${mark(init.initAboveEmptyMs <= MAX_INIT_MS).padStart(4)}  ${ms(init.requireMs).padStart(12)}\n`,
      );
    }
    const services = [...new Set(figures.map((f) => f.name.split('.')[0] ?? ''))];
    if (services.length > 1) {
      for (const service of services) {
        process.stdout.write(
          summary(
            service,
            figures.filter((f) => f.name.startsWith(`${service}.`)),
          ),
        );
      }
    }
    process.stdout.write(summary('all', figures));
    process.stdout.write(
      `[bench:cold] load average after: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}\n`,
    );
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
