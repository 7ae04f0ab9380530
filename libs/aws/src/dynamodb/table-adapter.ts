import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { lazy, requireEnv } from '@chat/runtime';
import { documentClient } from './client';

/**
 * An adapter over DynamoDB built on first use and kept for the sandbox's life: `build(documentClient(), name)`
 * with the table name read (fail fast) from the variable `tableEnv()` names, e.g.
 * `export const sessionStore = /* @__PURE__ *\/ tableAdapter(() => ENV.sessionsTable, dynamoSessionStore)`. An
 * adapter over several tables gets a record of variables and is built with the record of their values:
 * `tableAdapter(() => ({ users: ENV.usersTable, claims: ENV.claimsTable }), dynamoRegistrationStore)`.
 * The variables are named by a function so that the call, marked pure, holds nothing a bundler must keep (a
 * property read such as `ENV.sessionsTable` may have side effects, to esbuild): a function that never reads
 * the adapter then carries neither it nor, for a function reaching no table at all, the DynamoDB client
 * (docs/decisions/010-cold-starts.md).
 */
export function tableAdapter<T>(
  tableEnv: () => string,
  build: (client: DynamoDBDocumentClient, tableName: string) => T,
): () => T;
export function tableAdapter<T, K extends string>(
  tableEnvs: () => Record<K, string>,
  build: (client: DynamoDBDocumentClient, tableNames: Record<K, string>) => T,
): () => T;
export function tableAdapter<T>(
  tableEnv: () => string | Record<string, string>,
  build: (client: DynamoDBDocumentClient, tables: never) => T,
): () => T {
  return lazy(() => {
    const names = tableEnv();
    const tables =
      typeof names === 'string'
        ? requireEnv(names)
        : Object.fromEntries(Object.entries(names).map(([role, name]) => [role, requireEnv(name)]));
    return build(documentClient(), tables as never);
  });
}
