/**
 * serverless-esbuild settings shared by every service: one bundle per function with source maps; the AWS
 * SDK v3 stays out of the bundle (the Lambda Node.js 20 runtime ships it). Listing it in both `external` and
 * `exclude` keeps serverless-esbuild from trying to `npm install` it into the package.
 */
export const esbuildConfig = {
  bundle: true,
  minify: false,
  sourcemap: true,
  target: 'node20',
  platform: 'node',
  format: 'cjs',
  external: ['@aws-sdk/*'],
  exclude: ['@aws-sdk/*'],
  packager: 'npm',
} as const;
