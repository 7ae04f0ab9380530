import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { percentile } from '../support/stats';

/** One function to measure: where its handler is and the environment Lambda would give it. */
export interface ColdTarget {
  name: string;
  handlerFile: string;
  environment: Record<string, string>;
}

export interface BundleSize {
  /** Bytes of JavaScript in the bundle (its source map not counted). */
  bytes: number;
  gzipBytes: number;
}

export interface ColdFigures extends BundleSize {
  name: string;
  /** Median wall time of `node <bundle>` minus the median of an empty `node`, same NODE_OPTIONS. */
  initAboveEmptyMs: number;
  /** Median time `require(bundle)` takes inside the process (module init alone). */
  requireMs: number;
}

/** The size of a built bundle's JavaScript, raw and gzipped (its source map not counted). */
export function sizeOf(file: string): BundleSize {
  const code = readFileSync(file);
  return { bytes: code.length, gzipBytes: gzipSync(code).length };
}

// The child reports how long the require took, in ms, on its last line of stdout.
const REQUIRE_TIMER =
  'const t=performance.now();require(process.argv[1]);process.stdout.write(String(performance.now()-t))';

function timedRun(args: string[], env: NodeJS.ProcessEnv): { wallMs: number; stdout: string } {
  const started = performance.now();
  const run = spawnSync(process.execPath, args, { env, encoding: 'utf8', timeout: 30_000 });
  const wallMs = performance.now() - started;
  if (run.status !== 0) {
    throw new Error(`node ${args.join(' ')} exited with ${run.status}: ${run.stderr.slice(0, 500)}`);
  }
  return { wallMs, stdout: run.stdout };
}

/**
 * The environment of a function's process: its own variables, a region and dummy credentials, and NODE_PATH to
 * the repository's node_modules, where the (external) AWS SDK is found as the Lambda runtime finds its own.
 */
export function lambdaEnvironment(target: ColdTarget, nodeModules: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    NODE_PATH: nodeModules,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_LAMBDA_FUNCTION_NAME: target.name,
    ...target.environment,
  };
}

const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

/** Median wall time of an empty node process with these NODE_OPTIONS (the floor every init stands on). */
export function emptyNodeMs(nodeOptions: string | undefined, runs: number): number {
  const env = { PATH: process.env.PATH, ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}) };
  return median(Array.from({ length: runs }, () => timedRun(['-e', ''], env).wallMs));
}

/** Loads the bundle `runs` times, each in a fresh process: the medians of wall time and of the require. */
export function measureInit(
  target: ColdTarget,
  file: string,
  options: { runs: number; emptyMs: number; nodeModules: string },
): Pick<ColdFigures, 'initAboveEmptyMs' | 'requireMs'> {
  const { runs, emptyMs } = options;
  const env = lambdaEnvironment(target, options.nodeModules);
  const walls: number[] = [];
  const requires: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const { wallMs, stdout } = timedRun(['-e', REQUIRE_TIMER, file], env);
    walls.push(wallMs);
    requires.push(Number(stdout.trim().split('\n').pop()));
  }
  return { initAboveEmptyMs: median(walls) - emptyMs, requireMs: median(requires) };
}
