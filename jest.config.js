/** @type {import('jest').Config} */
// Lambda's nodejs20.x runtime is the target; the AWS SDK's notice about Node 22 is noise in test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const transform = { '^.+\\.(t|j)s$': ['@swc/jest', {}] };
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
      testEnvironment: 'node',
    },
    {
      displayName: 'integration',
      roots,
      testMatch: ['**/test/integration/**/*.test.ts'],
      transform,
      testEnvironment: 'node',
      globalSetup: '<rootDir>/tools/local/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/tools/local/test/support/global-teardown.ts',
    },
  ],
};
