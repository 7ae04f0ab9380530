export { CLIENT_TYPES_PATH, OPENAPI_PATH, renderFiles, syncFiles, type GeneratedFile } from './files';
export { openApiDocument, type JsonSchema } from './openapi-document';
export { components, routes, type Method, type Named, type RouteDoc } from './routes';
export { typeOf, typescriptTypes } from './typescript-types';
