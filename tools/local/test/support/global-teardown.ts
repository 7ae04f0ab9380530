import type { RunningStack } from '@chat/testing';

/** Stops the stack started by global setup and removes its data (kept with `CHAT_KEEP_TEST_DATA=1`). */
export default async function globalTeardown(): Promise<void> {
  const stack = (globalThis as { __chatStack?: RunningStack }).__chatStack;
  await stack?.stop({ keepFiles: process.env.CHAT_KEEP_TEST_DATA === '1' });
}
