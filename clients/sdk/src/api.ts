import { ChatClientError } from './errors.js';
import { OPERATIONS, type Operations } from './generated/api-types.js';
import type { Transport } from './http.js';

type OperationId = keyof Operations;

/** `'/rooms/{roomId}/messages/{messageId}'` → `[roomId: string, messageId: string]`. */
type PathArgs<P extends string> = P extends `${string}{${string}}${infer Rest}`
  ? [string, ...PathArgs<Rest>]
  : [];

/** An argument that may be left out when every field of it is optional. */
type LastArg<T> = T extends undefined ? [] : Record<string, never> extends T ? [T?] : [T];

type ArgsOf<K extends OperationId> = [
  ...PathArgs<Operations[K]['path']>,
  ...(Operations[K]['body'] extends undefined
    ? LastArg<Operations[K]['query']>
    : LastArg<Operations[K]['body']>),
];

/**
 * A typed function per REST route of the contract, named by its operationId in docs/openapi.json: path ids
 * first, in path order, then the body (or the query):
 *
 *   await chat.api.createRoom({ name: 'general', visibility: 'public' });
 *   await chat.api.listMessages(roomId, { limit: 50 });
 *   await chat.api.editMessage(roomId, messageId, { text: 'fixed' });
 */
export type ChatApi = { [K in OperationId]: (...args: ArgsOf<K>) => Promise<Operations[K]['response']> };

function pathOf(template: string, ids: unknown[]): string {
  let index = 0;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const id = ids[index++];
    if (typeof id !== 'string' || id === '') throw new ChatClientError(`${name} must be a non-empty string`);
    return encodeURIComponent(id);
  });
}

export function createApi(transport: Transport): ChatApi {
  const api: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const [operationId, operation] of Object.entries(OPERATIONS)) {
    const idCount = operation.path.split('{').length - 1;
    api[operationId] = async (...args) => {
      const last = args[idCount] as Record<string, string | number | boolean | undefined> | undefined;
      return transport({
        method: operation.method,
        path: pathOf(operation.path, args.slice(0, idCount)),
        auth: operation.auth,
        ...(operation.body ? { body: last ?? {} } : {}),
        ...(operation.query && last !== undefined ? { query: last } : {}),
      });
    };
  }
  return api as ChatApi;
}
