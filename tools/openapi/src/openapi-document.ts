import * as z from 'zod';
import { components, type Named, type RouteDoc } from './routes';

export type JsonSchema = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** The contract's error body, the answer of every non-2xx status. */
const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  }),
});

/**
 * JSON Schemas of named zod schemas as OpenAPI components. Requests are described as clients may send them
 * (`io: 'input'`: fields with defaults are optional); responses as the services answer them, without
 * `additionalProperties: false`, since the contract may add fields.
 */
function componentSchemas(schemas: Named[], io: 'input' | 'output'): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  const seen = new Map<z.ZodType, string>();
  for (const { name, schema } of schemas) {
    const known = seen.get(schema);
    if (known === name) continue;
    if (known !== undefined) throw new Error(`one schema named both ${known} and ${name}`);
    seen.set(schema, name);
    registry.add(schema, { id: name });
  }
  const { schemas: generated } = z.toJSONSchema(registry, {
    io,
    uri: (id) => ref(id).$ref,
    unrepresentable: 'any',
  }) as { schemas: Record<string, JsonSchema> };
  const clean = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(clean);
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value).filter(
      ([key, inner]) =>
        key !== '$schema' &&
        key !== '$id' &&
        !(io === 'output' && key === 'additionalProperties' && inner === false),
    );
    return Object.fromEntries(entries.map(([key, inner]) => [key, clean(inner)]));
  };
  return Object.fromEntries(
    Object.entries(generated).map(([name, schema]) => [name, clean(schema) as JsonSchema]),
  );
}

function parametersOf(route: RouteDoc): JsonSchema[] {
  const pathParameters = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const query = route.query
    ? Object.entries(
        (z.toJSONSchema(route.query, { io: 'input' }) as { properties: Record<string, JsonSchema> })
          .properties,
      )
    : [];
  const required = new Set(route.query ? (z.toJSONSchema(route.query, { io: 'input' }).required ?? []) : []);
  const queryParameters = query.map(([name, { description, ...schema }]) => ({
    name,
    in: 'query',
    required: required.has(name),
    ...(description === undefined ? {} : { description }),
    schema,
  }));
  return [...pathParameters, ...queryParameters];
}

function operationOf(route: RouteDoc): JsonSchema {
  const responses: Record<string, JsonSchema> = {};
  for (const [status, body] of Object.entries(route.responses)) {
    responses[status] = body
      ? { description: body.name, content: { 'application/json': { schema: ref(body.name) } } }
      : { description: 'No content' };
  }
  responses.default = {
    description:
      'An error: 400 VALIDATION_FAILED or BAD_JSON, 401, 403, 404, 409, 413, 429 (Retry-After), 5xx.',
    content: { 'application/json': { schema: ref('ErrorBody') } },
  };
  const parameters = parametersOf(route);
  return {
    operationId: route.operationId,
    tags: [route.tag],
    summary: route.summary,
    ...(route.auth ? { security: [{ bearer: [] }] } : { security: [] }),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: route.body.name !== 'LogoutRequest',
            content: { 'application/json': { schema: ref(route.body.name) } },
          },
        }
      : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document of the REST API. */
export function openApiDocument(routes: readonly RouteDoc[], options: { version: string }): JsonSchema {
  const requests = routes.flatMap((route) => (route.body ? [route.body] : []));
  const responses = routes.flatMap((route) =>
    Object.values(route.responses).filter((r): r is Named => r !== null),
  );
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) (paths[route.path] ??= {})[route.method] = operationOf(route);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Chat backend REST API',
      version: options.version,
      description:
        'The REST API of the chat backend (docs/api.md is the contract). Generated from the zod request and response schemas of the services (tools/openapi); do not edit by hand.',
    },
    servers: [{ url: 'http://127.0.0.1:3000', description: 'the local stack (npm start)' }],
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'The accessToken of POST /auth/login.' },
      },
      schemas: {
        ...componentSchemas(requests, 'input'),
        ...componentSchemas(
          [...responses, ...components, { name: 'ErrorBody', schema: errorBody }],
          'output',
        ),
      },
    },
  };
}
