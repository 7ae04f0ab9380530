/**
 * serverless-esbuild settings shared by every service: one bundle per function with source maps; the AWS
 * SDK v3 and its `@smithy/*` packages stay out of the bundle (the Lambda Node.js 20 runtime ships them; the X-Ray
 * SDK that Powertools Tracer loads when tracing is on requires one of them). Listing it in both `external` and
 * `exclude` keeps serverless-esbuild from trying to `npm install` it into the package.
 */
export const esbuildConfig = {
  bundle: true,
  minify: false,
  sourcemap: true,
  target: 'node20',
  platform: 'node',
  format: 'cjs',
  external: ['@aws-sdk/*', '@smithy/*'],
  exclude: ['@aws-sdk/*', '@smithy/*'],
  packager: 'npm',
} as const;
