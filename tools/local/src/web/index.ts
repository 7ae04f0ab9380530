export { buildWebApp, bundleSizes, webSourceHash, type WebBuild } from './build';
export {
  contentSecurityPolicy,
  fileOf,
  startWebServer,
  type RunningWebServer,
  type WebAppConfig,
  type WebServerOptions,
} from './server';
