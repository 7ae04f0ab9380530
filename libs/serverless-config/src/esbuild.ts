/**
 * serverless-esbuild settings shared by every service (and by the local runtime's `buildBundles`, so the local
 * stack runs what ships): one minified bundle per function holding only what its handler reaches, the AWS SDK v3
 * included. Why the SDK is bundled rather than taken from the Lambda runtime, and what each setting buys at cold
 * start, is docs/decisions/010-cold-starts.md.
 *
 * - `mainFields`: the ESM build of a package first (the SDK's `dist-es`), so esbuild keeps only the commands and
 *   middleware a function imports; the CommonJS builds are one file per client and cannot be tree-shaken.
 * - `exclude: []`: nothing is left out of the bundle for the runtime to provide (serverless-esbuild's default
 *   leaves out the v2 `aws-sdk`, which nothing here uses), so no `npm install` runs at packaging.
 * - `sourcemap`: produced and shipped, but only read when a stage asks (its `nodeOptions` parameter set to
 *   `--enable-source-maps`, see chatProvider): reading them costs every cold start.
 */
export const esbuildConfig = {
  bundle: true,
  minify: true,
  sourcemap: true,
  target: 'node20',
  platform: 'node',
  format: 'cjs',
  mainFields: ['module', 'main'],
  external: [],
  exclude: [],
  packager: 'npm',
} as const;
