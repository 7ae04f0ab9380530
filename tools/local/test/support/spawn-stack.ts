import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { freePort } from './free-port';

const ROOT = path.resolve(__dirname, '../../../..');

export interface SpawnedStack {
  child: ChildProcessWithoutNullStreams;
  output(): string;
  ports: Record<string, number>;
  /** Resolves when `ready` is printed; rejects when the process exits first or the deadline passes. */
  ready(deadlineMs?: number): Promise<void>;
  exited(deadlineMs?: number): Promise<number | null>;
}

/** Free ports for every variable the local stack reads. */
export async function freeStackPorts(): Promise<Record<string, number>> {
  const names = ['HTTP', 'WS', 'DYNAMODB', 'COGNITO', 'S3', 'EVENTBRIDGE', 'SNS'];
  const ports: Record<string, number> = {};
  for (const name of names) ports[`CHAT_${name}_PORT`] = await freePort();
  return ports;
}

/** Runs `npm start`'s entry point as a child process, the way a developer does. */
export function spawnStack(
  env: Record<string, string>,
  ports: Record<string, number>,
  args: string[] = [],
): SpawnedStack {
  const portEnv = Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)]));
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), 'tools/local/src/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...portEnv, LOG_LEVEL: 'warn', ...env },
    stdio: 'pipe',
  });
  let text = '';
  child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const withDeadline = <T>(promise: Promise<T>, ms: number, what: string) =>
    Promise.race([
      promise,
      new Promise<T>((_, reject) =>
        setTimeout(() => reject(new Error(`${what} not within ${ms} ms:\n${text}`)), ms).unref(),
      ),
    ]);
  return {
    child,
    ports,
    output: () => text,
    ready: (deadlineMs = 120_000) =>
      withDeadline(
        new Promise<void>((resolve, reject) => {
          const check = () => /^ready$/m.test(text) && resolve();
          child.stdout.on('data', check);
          void exit.then((code) => reject(new Error(`exited with ${code} before ready:\n${text}`)));
        }),
        deadlineMs,
        'ready',
      ),
    exited: (deadlineMs = 30_000) => withDeadline(exit, deadlineMs, 'exit'),
  };
}

/** Every live descendant of `pid`, read from /proc. */
export function descendants(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  const found: number[] = [];
  const walk = (parent: number) =>
    (parents.get(parent) ?? []).forEach((child) => {
      found.push(child);
      walk(child);
    });
  walk(pid);
  return found;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
