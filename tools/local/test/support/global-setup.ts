import { STACK_ENV, startStack, TEST_STACK_SETTINGS, type RunningStack } from '@chat/testing';

/**
 * Starts the whole local stack once for the integration tests, exactly as `npm start` does, on free ports and
 * in a temporary data folder (with TEST_STACK_SETTINGS); hands its endpoints to the tests through an environment variable.
 */
export default async function globalSetup(): Promise<void> {
  const stack = await startStack({ name: 'chat-local-test', env: { ...TEST_STACK_SETTINGS } });
  (globalThis as { __chatStack?: RunningStack }).__chatStack = stack;
  process.env[STACK_ENV] = JSON.stringify(stack.endpoints);
}
