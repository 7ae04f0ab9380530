import { dynamoTable, type CfnResource } from '../../../libs/serverless-config/src';
import { INDEXES } from '../src/adapters/names';

/**
 * The auth service's tables (layouts: src/adapters/dynamodb-*.ts and docs/decisions/002-token-revocation.md).
 * Only the revocations table is read by other services (GetItem, through @chat/auth-verifier).
 */
export const authTables: Record<string, CfnResource> = {
  UsersTable: dynamoTable({
    name: 'users',
    partitionKey: { name: 'userId', type: 'S' },
    indexes: [
      {
        name: INDEXES.usersByUsername,
        partitionKey: { name: 'usernameInitial', type: 'S' },
        sortKey: { name: 'username', type: 'S' },
      },
    ],
    stream: 'NEW_IMAGE',
    pointInTimeRecovery: true,
  }),
  UniqueClaimsTable: dynamoTable({
    name: 'unique-claims',
    partitionKey: { name: 'claim', type: 'S' },
    ttlAttribute: 'expiresAt',
    pointInTimeRecovery: true,
  }),
  SessionsTable: dynamoTable({
    name: 'sessions',
    partitionKey: { name: 'sessionId', type: 'S' },
    ttlAttribute: 'expiresAt',
  }),
  LoginAttemptsTable: dynamoTable({
    name: 'login-attempts',
    partitionKey: { name: 'username', type: 'S' },
    ttlAttribute: 'expiresAt',
  }),
  RevocationsTable: dynamoTable({
    name: 'revocations',
    partitionKey: { name: 'userId', type: 'S' },
    stream: 'NEW_AND_OLD_IMAGES',
    ttlAttribute: 'expiresAt',
  }),
};
