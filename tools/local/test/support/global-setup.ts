import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './free-port';
import { STACK_ENV, type RunningStack } from './stack-handle';

const READY_DEADLINE_MS = 180_000; // the first run on a new machine downloads DynamoDB Local

/**
 * Starts the whole local stack once for the integration tests, exactly as `npm start` does, on free ports and
 * in a temporary data folder; exports its endpoints to the tests through environment variables.
 */
export default async function globalSetup(): Promise<void> {
  const root = path.resolve(__dirname, '../../../..');
  const dataDir = await mkdtemp(path.join(tmpdir(), 'chat-local-test-'));
  const names = ['HTTP', 'WS', 'DYNAMODB', 'COGNITO', 'S3', 'EVENTBRIDGE', 'SNS'];
  const ports: Record<string, string> = {};
  for (const name of names) ports[`CHAT_${name}_PORT`] = String(await freePort());

  const logFile = path.join(dataDir, 'stack.log');
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), 'tools/local/src/main.ts'], {
    cwd: root,
    env: { ...process.env, ...ports, CHAT_DATA_DIR: path.join(dataDir, 'data'), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const handle: RunningStack = { pid: child.pid ?? 0, dataDir, logFile };
  (globalThis as { __chatStack?: RunningStack }).__chatStack = handle;

  await new Promise<void>((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(
      () => fail(new Error('the local stack did not print "ready" in time')),
      READY_DEADLINE_MS,
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGTERM');
      readFile(logFile, 'utf8')
        .catch(() => '')
        .then((text) =>
          reject(new Error(`${error.message}\n--- ${logFile} (tail) ---\n${text.slice(-4000)}`)),
        );
    };
    child.stdout.on('data', (chunk: Buffer) => {
      log.write(chunk);
      buffer += chunk.toString();
      if (/^ready$/m.test(buffer)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr.on('data', (chunk: Buffer) => log.write(chunk));
    child.once('exit', (code) =>
      fail(new Error(`the local stack exited with code ${code} before it was ready`)),
    );
  });

  const endpoints = JSON.parse(
    await readFile(path.join(dataDir, 'data', 'endpoints.json'), 'utf8'),
  ) as Record<string, string>;
  process.env[STACK_ENV] = JSON.stringify(endpoints);
}
