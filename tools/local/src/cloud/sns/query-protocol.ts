/**
 * The AWS Query protocol as @aws-sdk/client-sns 3.x speaks it: form-encoded requests
 * (`Action=Publish&Version=2010-03-31&MessageAttributes.entry.1.Name=…`) and XML responses.
 */

/** A request parameter tree: `A.entry.1.key=x` becomes `{ A: { entry: { '1': { key: 'x' } } } }`. */
export type QueryNode = string | { [name: string]: QueryNode };
export type QueryParams = { [name: string]: QueryNode };

export const SNS_XML_NAMESPACE = 'http://sns.amazonaws.com/doc/2010-03-31/';

/** An error the SDK maps to an exception by its code (`NotFound` → NotFoundException). */
export class QueryError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = 'QueryError';
  }

  get senderFault(): boolean {
    return this.status < 500;
  }
}

export const invalidParameter = (message: string): QueryError => new QueryError('InvalidParameter', message);
export const notFound = (message: string): QueryError => new QueryError('NotFound', message, 404);

const emptyNode = (): QueryParams => Object.create(null) as QueryParams;

/** Parses a form body into a tree of null-prototype objects (so `__proto__` is just a name). */
export function parseQueryBody(body: string): QueryParams {
  const root = emptyNode();
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.split('.');
    let node: QueryParams = root;
    path.forEach((segment, index) => {
      if (index === path.length - 1) {
        node[segment] = value;
        return;
      }
      const next = node[segment];
      if (typeof next === 'object') node = next;
      else node = node[segment] = emptyNode();
    });
  }
  return root;
}

/** A string parameter, or undefined when absent. */
export function stringParam(params: QueryParams, name: string): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidParameter(`Invalid parameter: ${name}`);
  return value;
}

export function requiredParam(params: QueryParams, name: string): string {
  const value = stringParam(params, name);
  if (value === undefined || value === '') {
    throw invalidParameter(`Invalid parameter: ${name}`);
  }
  return value;
}

function indexed(node: QueryNode | undefined, name: string, wrapper: string): QueryParams[] {
  if (node === undefined) return [];
  const items = typeof node === 'object' ? node[wrapper] : undefined;
  if (typeof items !== 'object') throw invalidParameter(`Invalid parameter: ${name}`);
  return Object.entries(items)
    .map(([index, item]) => ({ index: Number(index), item }))
    .sort((a, b) => a.index - b.index)
    .map(({ index, item }) => {
      if (!Number.isInteger(index) || typeof item !== 'object')
        throw invalidParameter(`Invalid parameter: ${name}`);
      return item;
    });
}

/** A list parameter: `Name.member.1.Field=…`. */
export function listParam(params: QueryParams, name: string): QueryParams[] {
  return indexed(params[name], name, 'member');
}

/** A string-to-string map parameter: `Name.entry.1.key=k&Name.entry.1.value=v`. */
export function mapParam(params: QueryParams, name: string): Record<string, string> {
  const map: Record<string, string> = {};
  for (const entry of indexed(params[name], name, 'entry')) {
    const key = entry.key;
    const value = entry.value ?? '';
    if (typeof key !== 'string' || typeof value !== 'string')
      throw invalidParameter(`Invalid parameter: ${name}`);
    map[key] = value;
  }
  return map;
}

/** A map parameter with structure values: `Name.entry.1.Name=k&Name.entry.1.Value.DataType=…`. */
export function structMapParam(params: QueryParams, name: string): Record<string, QueryParams> {
  const map: Record<string, QueryParams> = {};
  for (const entry of indexed(params[name], name, 'entry')) {
    const key = entry.Name;
    const value = entry.Value;
    if (typeof key !== 'string' || typeof value !== 'object')
      throw invalidParameter(`Invalid parameter: ${name}`);
    map[key] = value;
  }
  return map;
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** `<name>text</name>`, or nothing for an undefined value. */
export function xmlElement(name: string, value: string | number | boolean | undefined): string {
  return value === undefined ? '' : `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** `<name><member>…</member>…</name>` with already serialized members. */
export function xmlMembers(name: string, members: string[]): string {
  return `<${name}>${members.map((member) => `<member>${member}</member>`).join('')}</${name}>`;
}

/** `<name><entry><key>k</key><value>v</value></entry>…</name>`. */
export function xmlEntries(name: string, map: Record<string, string>): string {
  const entries = Object.entries(map).map(
    ([key, value]) => `<entry>${xmlElement('key', key)}${xmlElement('value', value)}</entry>`,
  );
  return `<${name}>${entries.join('')}</${name}>`;
}

/** The success document of an action; `result` is the serialized content of `<ActionResult>`, if any. */
export function xmlResponse(action: string, result: string | undefined, requestId: string): string {
  const resultElement = result === undefined ? '' : `<${action}Result>${result}</${action}Result>`;
  return (
    `<${action}Response xmlns="${SNS_XML_NAMESPACE}">${resultElement}` +
    `<ResponseMetadata>${xmlElement('RequestId', requestId)}</ResponseMetadata></${action}Response>`
  );
}

export function xmlErrorResponse(error: QueryError, requestId: string): string {
  return (
    `<ErrorResponse xmlns="${SNS_XML_NAMESPACE}"><Error>` +
    `${xmlElement('Type', error.senderFault ? 'Sender' : 'Receiver')}${xmlElement('Code', error.code)}` +
    `${xmlElement('Message', error.message)}</Error>${xmlElement('RequestId', requestId)}</ErrorResponse>`
  );
}
