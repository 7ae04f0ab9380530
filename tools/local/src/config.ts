import path from 'node:path';

/** Where the local stack listens and keeps its data; every value has an environment override. */
export interface LocalConfig {
  root: string;
  dataDir: string;
  cacheDir: string;
  fresh: boolean;
  stage: string;
  region: string;
  accountId: string;
  ports: {
    http: number;
    webSocket: number;
    dynamodb: number;
    cognito: number;
    s3: number;
    eventBridge: number;
    sns: number;
  };
}

export const REPO_ROOT = path.resolve(__dirname, '../../..');

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new Error(`${name} must be a port number (1-65535), got "${raw}"`);
  }
  return value;
}

/** Reads the configuration from the environment and the command line (`--fresh`). */
export function readLocalConfig(env: NodeJS.ProcessEnv, argv: string[]): LocalConfig {
  const unknown = argv.filter((arg) => arg !== '--fresh');
  if (unknown.length > 0) throw new Error(`Unknown argument ${unknown[0]}: the only option is --fresh`);
  return {
    root: REPO_ROOT,
    dataDir: path.resolve(REPO_ROOT, env.CHAT_DATA_DIR || '.chat-local'),
    cacheDir: path.join(REPO_ROOT, 'node_modules', '.cache', 'chat-local'),
    fresh: argv.includes('--fresh'),
    stage: 'local',
    region: 'us-east-1',
    accountId: '000000000000',
    ports: {
      http: port(env, 'CHAT_HTTP_PORT', 3000),
      webSocket: port(env, 'CHAT_WS_PORT', 3001),
      dynamodb: port(env, 'CHAT_DYNAMODB_PORT', 8000),
      cognito: port(env, 'CHAT_COGNITO_PORT', 9229),
      s3: port(env, 'CHAT_S3_PORT', 4569),
      eventBridge: port(env, 'CHAT_EVENTBRIDGE_PORT', 4010),
      sns: port(env, 'CHAT_SNS_PORT', 4011),
    },
  };
}
