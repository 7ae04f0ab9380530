/** @type {import('jest').Config} */
// Lambda's nodejs20.x runtime is the target; the AWS SDK's notice about Node 22 is noise in test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const transform = { '^.+\\.(t|j)s$': ['@swc/jest', {}] };
// @chat/client is ESM with `.js` in its relative imports (as Node needs) and resolves to its sources in the repo.
const moduleNameMapper = { '^(\\.{1,2}/.*)\\.js$': '$1' };
const testEnvironmentOptions = { customExportConditions: ['chat-source', 'node', 'node-addons'] };
const roots = ['<rootDir>/clients', '<rootDir>/libs', '<rootDir>/services', '<rootDir>/tools'];

module.exports = {
  // Integration tests wait on a real stack (first start of a test run, stream and event delivery).
  testTimeout: 60000,
  projects: [
    {
      displayName: 'unit',
      roots,
      testMatch: ['**/test/unit/**/*.test.ts'],
      transform,
      moduleNameMapper,
      testEnvironment: 'node',
      testEnvironmentOptions,
    },
    {
      displayName: 'integration',
      roots,
      testMatch: ['**/test/integration/**/*.test.ts'],
      transform,
      moduleNameMapper,
      testEnvironment: 'node',
      testEnvironmentOptions,
      globalSetup: '<rootDir>/tools/local/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/tools/local/test/support/global-teardown.ts',
    },
  ],
};
