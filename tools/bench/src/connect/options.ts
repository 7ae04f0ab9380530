import { applyIntegers, readFlags, type IntegerSpec } from '../support/options';

/** Parameters of the connect benchmark, from flags (`--users 50`, `--users=50`) or environment variables. */
export interface ConnectOptions {
  /** Users, each connecting `perUser` sockets: the first of each is a first connect, the others are not. */
  users: number;
  perUser: number;
  /** Handshakes in flight at once. */
  concurrency: number;
  /** Longest a phase of connects may take: past it no more sockets are opened (the run stops by itself). */
  phaseSeconds: number;
}

export const DEFAULT_CONNECT_OPTIONS: ConnectOptions = {
  users: 50,
  perUser: 10,
  concurrency: 50,
  phaseSeconds: 120,
};

const INTEGERS: IntegerSpec<keyof ConnectOptions>[] = [
  { key: 'users', flag: 'users', env: 'BENCH_USERS', min: 1, max: 500 },
  // The connection cap is 20 per user (API.md "Safety").
  { key: 'perUser', flag: 'per-user', env: 'BENCH_PER_USER', min: 1, max: 20 },
  { key: 'concurrency', flag: 'concurrency', env: 'BENCH_CONCURRENCY', min: 1, max: 500 },
  { key: 'phaseSeconds', flag: 'phase-seconds', env: 'BENCH_PHASE_SECONDS', min: 5, max: 900 },
];

export const CONNECT_USAGE = `npm run bench:connect -- [--users N] [--per-user K] [--concurrency C] [--phase-seconds S]
  --users          users (1-500, default 50; env BENCH_USERS)
  --per-user       sockets per user, the first a first connect (1-20, default 10; env BENCH_PER_USER)
  --concurrency    handshakes in flight at once (1-500, default 50; env BENCH_CONCURRENCY)
  --phase-seconds  longest a phase of connects may take (5-900, default 120; env BENCH_PHASE_SECONDS)`;

/** Reads the options; throws an Error naming the bad flag or variable. */
export function parseConnectOptions(argv: readonly string[], env: NodeJS.ProcessEnv): ConnectOptions {
  const flags = readFlags(
    argv,
    INTEGERS.map((s) => s.flag),
    CONNECT_USAGE,
  );
  const options: ConnectOptions = { ...DEFAULT_CONNECT_OPTIONS };
  applyIntegers(options, INTEGERS, flags, env);
  return options;
}
