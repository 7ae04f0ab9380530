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
  /**
   * Median CPU time (user + system) of the process loading the bundle minus that of an empty `node`: what the
   * load costs, much less disturbed than wall time by other work on the machine.
   */
  cpuAboveEmptyMs: number;
  /** Median time `require(bundle)` takes inside the process (module init alone). */
  requireMs: number;
}

/** The floor every load stands on: an empty node process with the same NODE_OPTIONS. */
export interface EmptyNode {
  wallMs: number;
  cpuMs: number;
}

/** The size of a built bundle's JavaScript, raw and gzipped (its source map not counted). */
export function sizeOf(file: string): BundleSize {
  const code = readFileSync(file);
  return { bytes: code.length, gzipBytes: gzipSync(code).length };
}

// The child reports, as its last line of stdout, how long the require took and the CPU time it used in all
// (process start included), both in ms, once it exits.
const CPU_AT_EXIT =
  "process.on('exit',()=>{const c=process.cpuUsage();process.stdout.write('\\n'+(typeof t==='number'?t:0)+' '+(c.user+c.system)/1000)});";
const REQUIRE_TIMER = `${CPU_AT_EXIT}const s=performance.now();require(process.argv[1]);var t=performance.now()-s;`;

interface Run {
  wallMs: number;
  requireMs: number;
  cpuMs: number;
}

function timedRun(args: string[], env: NodeJS.ProcessEnv): Run {
  const started = performance.now();
  const run = spawnSync(process.execPath, args, { env, encoding: 'utf8', timeout: 30_000 });
  const wallMs = performance.now() - started;
  if (run.status !== 0) {
    throw new Error(`node ${args.join(' ')} exited with ${run.status}: ${run.stderr.slice(0, 500)}`);
  }
  const [requireMs, cpuMs] = (run.stdout.trim().split('\n').pop() ?? '').split(' ').map(Number);
  return { wallMs, requireMs: requireMs ?? NaN, cpuMs: cpuMs ?? NaN };
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

/** Median wall and CPU time of an empty node process with these NODE_OPTIONS (the floor every init stands on). */
export function emptyNode(nodeOptions: string | undefined, runs: number): EmptyNode {
  const env = { PATH: process.env.PATH, ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}) };
  const loads = Array.from({ length: runs }, () => timedRun(['-e', CPU_AT_EXIT], env));
  return { wallMs: median(loads.map((l) => l.wallMs)), cpuMs: median(loads.map((l) => l.cpuMs)) };
}

/** Loads the bundle `runs` times, each in a fresh process: the medians of wall time, CPU time and the require. */
export function measureInit(
  target: ColdTarget,
  file: string,
  options: { runs: number; empty: EmptyNode; nodeModules: string },
): Pick<ColdFigures, 'initAboveEmptyMs' | 'cpuAboveEmptyMs' | 'requireMs'> {
  const { runs, empty } = options;
  const env = lambdaEnvironment(target, options.nodeModules);
  const loads = Array.from({ length: runs }, () => timedRun(['-e', REQUIRE_TIMER, file], env));
  return {
    initAboveEmptyMs: median(loads.map((l) => l.wallMs)) - empty.wallMs,
    cpuAboveEmptyMs: median(loads.map((l) => l.cpuMs)) - empty.cpuMs,
    requireMs: median(loads.map((l) => l.requireMs)),
  };
}
