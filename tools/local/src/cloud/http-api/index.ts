export { startHttpApi, HTTP_API_BODY_LIMIT } from './server';
export type { HttpApiOptions, HttpRoute, LocalRoute, RunningHttpApi } from './types';
export { compileRoutes, matchRoute, type CompiledRoute, type RouteMatch } from './route-matching';
export { buildHttpEvent, isTextContentType, type HttpApiEvent, type HttpRequestInfo } from './event';
export { mapHandlerResult, type HttpResponseSpec } from './response';
export { authorizeJwt, stringifyClaims } from './jwt-authorizer';
export type { LogLine } from './aws-format';
