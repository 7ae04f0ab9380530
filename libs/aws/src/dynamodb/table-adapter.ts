import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { lazy, requireEnv } from '@chat/runtime';
import { documentClient } from './client';

/**
 * An adapter over DynamoDB built on first use and kept for the sandbox's life: `build(documentClient(), name)`
 * with the table name read (fail fast) from the variable `tableEnv`, e.g.
 * `export const sessionStore = tableAdapter(ENV.sessionsTable, dynamoSessionStore)`. An adapter over several
 * tables gets a record of variables and is built with the record of their values:
 * `tableAdapter({ users: ENV.usersTable, claims: ENV.claimsTable }, dynamoRegistrationStore)`.
 */
export function tableAdapter<T>(
  tableEnv: string,
  build: (client: DynamoDBDocumentClient, tableName: string) => T,
): () => T;
export function tableAdapter<T, K extends string>(
  tableEnvs: Record<K, string>,
  build: (client: DynamoDBDocumentClient, tableNames: Record<K, string>) => T,
): () => T;
export function tableAdapter<T>(
  tableEnv: string | Record<string, string>,
  build: (client: DynamoDBDocumentClient, tables: never) => T,
): () => T {
  return lazy(() => {
    const tables =
      typeof tableEnv === 'string'
        ? requireEnv(tableEnv)
        : Object.fromEntries(Object.entries(tableEnv).map(([role, name]) => [role, requireEnv(name)]));
    return build(documentClient(), tables as never);
  });
}
