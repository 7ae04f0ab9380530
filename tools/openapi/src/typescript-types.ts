import type { JsonSchema } from './openapi-document';

/**
 * TypeScript declarations of an OpenAPI document's component schemas and operations: what the client package
 * (`@chat/client`) types its requests and answers with. Covers the JSON Schema the services' zod schemas produce
 * (objects, arrays, records, enums, constants, unions, nullable types); anything else is `unknown`.
 */

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const key = (name: string) => (identifier.test(name) ? name : JSON.stringify(name));
const refName = (ref: string) => ref.slice(ref.lastIndexOf('/') + 1);

function comment(text: unknown, indent: string): string {
  return typeof text === 'string' && text !== '' ? `${indent}/** ${text.replace(/\*\//g, '* /')} */\n` : '';
}

function typeOfType(type: string, schema: JsonSchema, indent: string): string {
  switch (type) {
    case 'string':
      return 'string';
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array': {
      const items = schema.items as JsonSchema | undefined;
      const inner = items ? typeOf(items, indent) : 'unknown';
      return /^[\w.]+$/.test(inner) ? `${inner}[]` : `Array<${inner}>`;
    }
    case 'object':
      return objectType(schema, indent);
    default:
      return 'unknown';
  }
}

function objectType(schema: JsonSchema, indent: string): string {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  const extra = schema.additionalProperties;
  const names = Object.keys(properties);
  if (names.length === 0) {
    if (extra && typeof extra === 'object') return `Record<string, ${typeOf(extra as JsonSchema, indent)}>`;
    return 'Record<string, never>';
  }
  const inner = `${indent}  `;
  const lines = names.map((name) => {
    const property = properties[name] as JsonSchema;
    const optional = required.has(name) ? '' : '?';
    return `${comment(property.description, inner)}${inner}${key(name)}${optional}: ${typeOf(property, inner)};`;
  });
  return `{\n${lines.join('\n')}\n${indent}}`;
}

/** The TypeScript type of one JSON Schema. */
export function typeOf(schema: JsonSchema, indent = ''): string {
  if (typeof schema.$ref === 'string') return refName(schema.$ref);
  if ('const' in schema) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return schema.enum.map((value) => JSON.stringify(value)).join(' | ');
  const union = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (union) return union.map((member) => typeOf(member, indent)).join(' | ');
  if (Array.isArray(schema.type))
    return schema.type.map((type) => typeOfType(type as string, schema, indent)).join(' | ');
  if (typeof schema.type === 'string') return typeOfType(schema.type, schema, indent);
  if (schema.properties) return objectType(schema, indent);
  return 'unknown';
}

interface Operation {
  operationId: string;
  security?: unknown[];
  parameters?: Array<{
    name: string;
    in: string;
    required: boolean;
    schema: JsonSchema;
    description?: string;
  }>;
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { content?: Record<string, { schema: JsonSchema }> }>;
}

const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/** The module text: one declaration per component, a query type per operation with query parameters, and `Operations`. */
export function typescriptTypes(document: JsonSchema): string {
  const components = (document.components as { schemas: Record<string, JsonSchema> }).schemas;
  const out: string[] = [
    '// Generated from docs/openapi.json by tools/openapi (npm run docs:openapi): do not edit by hand.',
    '',
  ];
  for (const [name, schema] of Object.entries(components)) {
    const body = typeOf(schema);
    out.push(
      body.startsWith('{') ? `export interface ${name} ${body}` : `export type ${name} = ${body};`,
      '',
    );
  }
  const operations: string[] = [];
  const runtime: string[] = [];
  const paths = document.paths as Record<string, Record<string, Operation>>;
  for (const [path, methods] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const query = (operation.parameters ?? []).filter((p) => p.in === 'query');
      const queryName = `${pascal(operation.operationId)}Query`;
      if (query.length > 0) {
        const fields = query.map(
          (p) =>
            `${comment(p.description, '  ')}  ${key(p.name)}${p.required ? '' : '?'}: ${typeOf(p.schema, '  ')};`,
        );
        out.push(`export interface ${queryName} {\n${fields.join('\n')}\n}`, '');
      }
      const body = operation.requestBody?.content['application/json']?.schema;
      const answers = Object.entries(operation.responses)
        .filter(([status]) => status !== 'default')
        .map(([, response]) => response.content?.['application/json']?.schema);
      const response = [...new Set(answers.map((schema) => (schema ? typeOf(schema) : 'void')))].join(' | ');
      operations.push(
        [
          `  ${operation.operationId}: {`,
          `    method: ${JSON.stringify(method.toUpperCase())};`,
          `    path: ${JSON.stringify(path)};`,
          `    body: ${body ? typeOf(body) : 'undefined'};`,
          `    query: ${query.length > 0 ? queryName : 'undefined'};`,
          `    response: ${response};`,
          '  };',
        ].join('\n'),
      );
      runtime.push(
        `  ${operation.operationId}: { method: ${JSON.stringify(method.toUpperCase())}, path: ${JSON.stringify(path)}, body: ${body !== undefined}, query: ${query.length > 0}, auth: ${(operation.security ?? []).length > 0} },`,
      );
    }
  }
  out.push(
    '/** Every REST operation of the contract: its method, path, body, query and success answer. */',
    `export interface Operations {\n${operations.join('\n')}\n}`,
    '',
    '/** How to call each operation: its method and path, and whether it takes a body or a query. */',
    `export const OPERATIONS = {\n${runtime.join('\n')}\n} as const;`,
    '',
  );
  return out.join('\n');
}
