import { applyIntegers, booleanOption, readFlags, type IntegerSpec } from '../support/options';

/** Parameters of the fan-out benchmark, from flags (`--users 50`, `--users=50`) or environment variables. */
export interface FanOutOptions {
  /** Users in the room, each with one open WebSocket (all receive, all take turns sending). */
  users: number;
  /** Open WebSockets per user (all receive; the first one sends with --via ws). */
  socketsPerUser: number;
  /** Messages per second, over all senders. */
  rate: number;
  /** Seconds of sending. */
  durationSeconds: number;
  /** How messages are sent to the chat backend: REST POST or the WebSocket `sendMessage` action. */
  via: 'rest' | 'ws';
  /** Longest wait for the last deliveries after sending stopped. */
  drainSeconds: number;
  /** Also run the Socket.IO baseline. */
  baseline: boolean;
}

export const DEFAULT_OPTIONS: FanOutOptions = {
  users: 100,
  socketsPerUser: 1,
  rate: 50,
  durationSeconds: 20,
  via: 'rest',
  drainSeconds: 300,
  baseline: true,
};

const INTEGERS: IntegerSpec<'users' | 'socketsPerUser' | 'rate' | 'durationSeconds' | 'drainSeconds'>[] = [
  { key: 'users', flag: 'users', env: 'BENCH_USERS', min: 2, max: 500 },
  { key: 'socketsPerUser', flag: 'sockets', env: 'BENCH_SOCKETS', min: 1, max: 20 },
  { key: 'rate', flag: 'rate', env: 'BENCH_RATE', min: 1, max: 500 },
  { key: 'durationSeconds', flag: 'duration', env: 'BENCH_DURATION', min: 1, max: 300 },
  { key: 'drainSeconds', flag: 'drain', env: 'BENCH_DRAIN', min: 1, max: 600 },
];

export const USAGE = `npm run bench:fanout -- [--users N] [--sockets K] [--rate R] [--duration D] [--via rest|ws] [--drain S] [--no-baseline]
  --users     users in the room, each with an open WebSocket (2-500, default 100; env BENCH_USERS)
  --sockets   open WebSockets per user (1-20, default 1; env BENCH_SOCKETS): one message to 1,000 sockets is
              --users 50 --sockets 20 --rate 1 --duration 1
  --rate      messages per second over all senders (1-500, default 50; env BENCH_RATE)
  --duration  seconds of sending (1-300, default 20; env BENCH_DURATION)
  --via       rest (POST /rooms/{id}/messages) or ws (sendMessage action) (default rest; env BENCH_VIA)
  --drain     longest wait in seconds for the last deliveries (1-600, default 300; env BENCH_DRAIN)
  --no-baseline  skip the Socket.IO baseline (env BENCH_BASELINE=0)
BENCH_STACK=<data dir>/endpoints.json measures a stack already running (e.g. one started with --cpu-prof) instead of starting one.`;

/** Reads the options; throws an Error naming the bad flag or variable. */
export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): FanOutOptions {
  const flags = readFlags(argv, [...INTEGERS.map((s) => s.flag), 'via', 'baseline'], USAGE);
  const options: FanOutOptions = { ...DEFAULT_OPTIONS };
  applyIntegers(options, INTEGERS, flags, env);
  const via = flags.get('via') ?? env.BENCH_VIA;
  if (via !== undefined && via !== '') {
    if (via !== 'rest' && via !== 'ws') throw new Error(`--via (BENCH_VIA) must be rest or ws, got "${via}"`);
    options.via = via;
  }
  options.baseline = booleanOption(flags.get('baseline') ?? env.BENCH_BASELINE) ?? options.baseline;
  return options;
}
