/** @type {import('jest').Config} */
const transform = { '^.+\\.(t|j)s$': ['@swc/jest', {}] };
const roots = ['<rootDir>/libs', '<rootDir>/services', '<rootDir>/tools'];

module.exports = {
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
      testTimeout: 60000,
    },
  ],
};
