import { rm } from 'node:fs/promises';
import type { RunningStack } from './stack-handle';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops the stack started by global setup (SIGTERM, then SIGKILL after a deadline) and removes its data. */
export default async function globalTeardown(): Promise<void> {
  const stack = (globalThis as { __chatStack?: RunningStack }).__chatStack;
  if (!stack || !stack.pid) return;
  if (alive(stack.pid)) process.kill(stack.pid, 'SIGTERM');
  const deadline = Date.now() + 20_000;
  while (alive(stack.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (alive(stack.pid)) process.kill(stack.pid, 'SIGKILL');
  if (process.env.CHAT_KEEP_TEST_DATA !== '1') await rm(stack.dataDir, { recursive: true, force: true });
}
