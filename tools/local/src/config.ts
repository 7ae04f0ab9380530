import path from 'node:path';
import type { LogFormat } from './observability/log-output';

/** Where the local stack listens and keeps its data; every value has an environment override. */
export interface LocalConfig {
  root: string;
  dataDir: string;
  cacheDir: string;
  fresh: boolean;
  /** Print the route table once started: `--routes`, or `LOG_LEVEL=debug`. */
  printRoutes: boolean;
  /** How the functions' log lines are printed: `LOG_FORMAT=pretty` or `--pretty` for people, else JSON lines. */
  logFormat: LogFormat;
  /** Print the functions' EMF metric lines too (`LOG_LEVEL=debug`); they are served at GET /_local/metrics. */
  printMetrics: boolean;
  stage: string;
  region: string;
  accountId: string;
  ports: Record<PortName, number>;
}

export const REPO_ROOT = path.resolve(__dirname, '../../..');

/** Each port of the local stack: the environment variable that sets it, and its default. */
export const PORTS = {
  http: { variable: 'CHAT_HTTP_PORT', fallback: 3000 },
  webSocket: { variable: 'CHAT_WS_PORT', fallback: 3001 },
  dynamodb: { variable: 'CHAT_DYNAMODB_PORT', fallback: 8000 },
  cognito: { variable: 'CHAT_COGNITO_PORT', fallback: 9229 },
  s3: { variable: 'CHAT_S3_PORT', fallback: 4569 },
  eventBridge: { variable: 'CHAT_EVENTBRIDGE_PORT', fallback: 4010 },
  sns: { variable: 'CHAT_SNS_PORT', fallback: 4011 },
  web: { variable: 'CHAT_WEB_PORT', fallback: 3002 },
} as const;

export type PortName = keyof typeof PORTS;

const PORT_NAMES = Object.keys(PORTS) as PortName[];

/** The ports by the variable that sets each, e.g. `{ CHAT_HTTP_PORT: 3000, … }`. */
export function portsByVariable(ports: Record<PortName, number>): Record<string, number> {
  return Object.fromEntries(PORT_NAMES.map((name) => [PORTS[name].variable, ports[name]]));
}

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new Error(`${name} must be a port number (1-65535), got "${raw}"`);
  }
  return value;
}

const OPTIONS = ['--fresh', '--routes', '--pretty'];

/** Reads the configuration from the environment and the command line (`--fresh`, `--routes`, `--pretty`). */
export function readLocalConfig(env: NodeJS.ProcessEnv, argv: string[]): LocalConfig {
  const unknown = argv.filter((arg) => !OPTIONS.includes(arg));
  if (unknown.length > 0)
    throw new Error(`Unknown argument ${unknown[0]}: the options are ${OPTIONS.join(', ')}`);
  return {
    root: REPO_ROOT,
    dataDir: path.resolve(REPO_ROOT, env.CHAT_DATA_DIR || '.chat-local'),
    cacheDir: path.join(REPO_ROOT, 'node_modules', '.cache', 'chat-local'),
    fresh: argv.includes('--fresh'),
    printRoutes: argv.includes('--routes') || env.LOG_LEVEL?.toLowerCase() === 'debug',
    logFormat: argv.includes('--pretty') || env.LOG_FORMAT?.toLowerCase() === 'pretty' ? 'pretty' : 'json',
    printMetrics: env.LOG_LEVEL?.toLowerCase() === 'debug',
    stage: 'local',
    region: 'us-east-1',
    accountId: '000000000000',
    ports: Object.fromEntries(
      PORT_NAMES.map((name) => [name, port(env, PORTS[name].variable, PORTS[name].fallback)]),
    ) as Record<PortName, number>,
  };
}
