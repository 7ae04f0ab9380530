import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './free-port';

export const REPO_ROOT = path.resolve(__dirname, '../../../..');

/** What the local stack writes to `<data dir>/endpoints.json`. */
export interface StackEndpoints {
  http: string;
  webSocket: string;
  dynamodb: string;
  eventBridge: string;
  region: string;
}

export interface RunningStack {
  endpoints: StackEndpoints;
  logFile: string;
  stop(): Promise<void>;
}

const READY_DEADLINE_MS = 180_000;
const STOP_DEADLINE_MS = 30_000;

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Starts the local stack as `npm start` does (its entry point, through tsx) on free loopback ports with a
 * temporary data folder, and waits for its `ready` line. `stop()` sends SIGTERM (the stack stops its emulators),
 * kills its process group if it is still there after a deadline, and removes the data folder.
 */
export async function startLocalStack(
  log: (line: string) => void,
  extraEnv: Record<string, string> = {},
): Promise<RunningStack> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'chat-bench-'));
  const names = ['HTTP', 'WS', 'DYNAMODB', 'COGNITO', 'S3', 'EVENTBRIDGE', 'SNS'];
  const ports: Record<string, string> = {};
  for (const name of names) ports[`CHAT_${name}_PORT`] = String(await freePort());
  const logFile = path.join(dataDir, 'stack.log');
  const logStream = createWriteStream(logFile);
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), 'tools/local/src/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      ...extraEnv,
      ...ports,
      CHAT_DATA_DIR: path.join(dataDir, 'data'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout?.pipe(logStream, { end: false });
  child.stderr?.pipe(logStream, { end: false });

  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => {
          log('the local stack did not stop in time: killing its process group');
          if (child.pid) process.kill(-child.pid, 'SIGKILL');
        }, STOP_DEADLINE_MS);
        await exited(child);
        clearTimeout(timer);
      }
      logStream.end();
      await rm(dataDir, { recursive: true, force: true });
    })());

  log(`starting the local stack (data in ${dataDir}) …`);
  const started = Date.now();
  try {
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(
        () => reject(new Error('the local stack did not print "ready" in time')),
        READY_DEADLINE_MS,
      );
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (/^ready$/m.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the local stack exited with code ${code} before it was ready`));
      });
    });
  } catch (error) {
    const tail = (await readFile(logFile, 'utf8').catch(() => '')).slice(-3000);
    await stop();
    throw new Error(`${(error as Error).message}\n${tail}`);
  }
  const endpoints = JSON.parse(
    await readFile(path.join(dataDir, 'data', 'endpoints.json'), 'utf8'),
  ) as StackEndpoints;
  log(
    `local stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${endpoints.http}, ${endpoints.webSocket}`,
  );
  return { endpoints, logFile, stop };
}
