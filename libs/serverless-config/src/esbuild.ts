/**
 * serverless-esbuild settings shared by every service (and by the local runtime's `buildBundles`, so the local
 * stack runs what ships): one minified bundle per function holding only what its handler reaches, the AWS SDK v3
 * included. Why the SDK is bundled rather than taken from the Lambda runtime, and what each setting buys at cold
 * start, is docs/decisions/010-cold-starts.md.
 *
 * - `mainFields`: the ESM build of a package first (the SDK's `dist-es`), so esbuild keeps only the commands and
 *   middleware a function imports; the CommonJS builds are one file per client and cannot be tree-shaken.
 * - `external`: Powertools Tracer (and the X-Ray SDK under it) stays out of the bundle, so a function does not
 *   even parse it while tracing is off (`traced` of @chat/aws requires it only when on). serverless-esbuild
 *   installs it into each function's package from the service's `dependencies` (each service's package.json
 *   lists it, at the root's version); the local runtime finds it in the repository's `node_modules`.
 * - `CREDENTIAL_FALLBACKS` stay out and are not packaged (`exclude`): the SDK's default credential chain reaches
 *   them (by dynamic import, so never at init) only when the environment holds no credentials, which never
 *   happens on Lambda (the role's credentials are in it) nor on the local stack. Were one ever needed, the
 *   SDK the Lambda runtime ships provides it (the repository's `node_modules`, locally).
 * - `sourcemap`: produced and shipped, but only read when a stage asks (its `nodeOptions` parameter set to
 *   `--enable-source-maps`, see chatProvider): reading them costs every cold start.
 */
/** Left out of the bundles and installed beside them (see `external`). */
export const TRACER_PACKAGE = '@aws-lambda-powertools/tracer';

/** The default credential chain's sources after the environment: left out, not packaged (see above). */
export const CREDENTIAL_FALLBACKS = [
  '@aws-sdk/credential-provider-ini',
  '@aws-sdk/credential-provider-sso',
  '@aws-sdk/credential-provider-process',
  '@aws-sdk/credential-provider-web-identity',
  '@aws-sdk/credential-provider-http',
  '@aws-sdk/credential-provider-login',
  '@smithy/credential-provider-imds',
] as const;

export const esbuildConfig = {
  bundle: true,
  minify: true,
  sourcemap: true,
  target: 'node20',
  platform: 'node',
  format: 'cjs',
  mainFields: ['module', 'main'],
  external: [TRACER_PACKAGE, ...CREDENTIAL_FALLBACKS],
  exclude: CREDENTIAL_FALLBACKS,
  packager: 'npm',
} as const;
