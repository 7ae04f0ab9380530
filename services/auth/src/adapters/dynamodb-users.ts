import {
  DeleteCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import {
  cancellationReasons,
  CONDITION_FAILED,
  conditionalWrite,
  epochSeconds,
  getItem,
  whenConditionHolds,
} from '@chat/aws';
import type { UserRecord } from '../domain/user';
import { EmailTakenError, UsernameTakenError } from '../domain/errors';
import type { ProfileStore, RegistrationStore, UniquenessClaim } from '../use-cases/ports';
import { INDEXES } from './names';

/**
 * Two tables:
 * - users (`userId`): `{userId, username, displayName, email, createdAt, usernameInitial, correlationId}`; the
 *   index `byUsername` (`usernameInitial` = the first character, `username`) serves prefix searches with a
 *   Query; its stream is the UserRegistered outbox.
 * - unique-claims (`claim` = `username#<name>` | `email#<address>`): `{claimId, status: pending|active, userId?,
 *   expiresAt?}`; a pending claim expires (TTL, and the condition below treats an expired one as free). A closed
 *   account's username claim stays as `status: retired` (no userId): the name stays reserved for good.
 */

export interface UserTables {
  users: string;
  claims: string;
}

const usernameKey = (username: string) => `username#${username}`;
const emailKey = (email: string) => `email#${email}`;
const claimKeys = (claim: UniquenessClaim) => [usernameKey(claim.username), emailKey(claim.email)];

function toRecord(item: Record<string, unknown> | undefined): UserRecord | undefined {
  if (!item) return undefined;
  return {
    userId: String(item.userId),
    username: String(item.username),
    displayName: String(item.displayName),
    email: String(item.email),
    createdAt: String(item.createdAt),
  };
}

export function dynamoRegistrationStore(
  client: DynamoDBDocumentClient,
  tables: UserTables,
): RegistrationStore {
  return {
    async claim(claim, { now, expiresAt }) {
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: claimKeys(claim).map((key) => ({
              Put: {
                TableName: tables.claims,
                Item: {
                  claim: key,
                  claimId: claim.claimId,
                  status: 'pending',
                  expiresAt: epochSeconds(expiresAt),
                },
                ConditionExpression:
                  'attribute_not_exists(#claim) OR (#status = :pending AND #expiresAt <= :now)',
                ExpressionAttributeNames: {
                  '#claim': 'claim',
                  '#status': 'status',
                  '#expiresAt': 'expiresAt',
                },
                ExpressionAttributeValues: { ':pending': 'pending', ':now': epochSeconds(now) },
              },
            })),
          }),
        );
      } catch (error) {
        const [username, email] = cancellationReasons(error) ?? [];
        if (username === CONDITION_FAILED) throw new UsernameTakenError({ cause: error });
        if (email === CONDITION_FAILED) throw new EmailTakenError({ cause: error });
        throw error;
      }
    },

    async release(claim) {
      for (const key of claimKeys(claim)) {
        // Only this registration's pending claim goes: an active one, or another's, stays.
        await conditionalWrite(
          client.send(
            new DeleteCommand({
              TableName: tables.claims,
              Key: { claim: key },
              ConditionExpression: '#claimId = :claimId AND #status = :pending',
              ExpressionAttributeNames: { '#claimId': 'claimId', '#status': 'status' },
              ExpressionAttributeValues: { ':claimId': claim.claimId, ':pending': 'pending' },
            }),
          ),
        );
      }
    },

    async complete(user, claim, correlationId) {
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: tables.users,
                Item: { ...user, usernameInitial: user.username.charAt(0), correlationId },
                ConditionExpression: 'attribute_not_exists(userId)',
              },
            },
            ...claimKeys(claim).map((key) => ({
              Update: {
                TableName: tables.claims,
                Key: { claim: key },
                UpdateExpression: 'SET #status = :active, #userId = :userId REMOVE #expiresAt',
                ConditionExpression: '#claimId = :claimId',
                ExpressionAttributeNames: {
                  '#status': 'status',
                  '#userId': 'userId',
                  '#expiresAt': 'expiresAt',
                  '#claimId': 'claimId',
                },
                ExpressionAttributeValues: {
                  ':active': 'active',
                  ':userId': user.userId,
                  ':claimId': claim.claimId,
                },
              },
            })),
          ],
        }),
      );
    },

    async retire(user) {
      await client.send(
        new DeleteCommand({ TableName: tables.claims, Key: { claim: emailKey(user.email) } }),
      );
      // Kept for good, so no new account takes the name; it no longer says whose it was.
      await client.send(
        new UpdateCommand({
          TableName: tables.claims,
          Key: { claim: usernameKey(user.username) },
          UpdateExpression: 'SET #status = :retired REMOVE #userId, #expiresAt',
          ExpressionAttributeNames: { '#status': 'status', '#userId': 'userId', '#expiresAt': 'expiresAt' },
          ExpressionAttributeValues: { ':retired': 'retired' },
        }),
      );
    },
  };
}

export function dynamoProfileStore(client: DynamoDBDocumentClient, usersTable: string): ProfileStore {
  return {
    async get(userId) {
      return toRecord(await getItem(client, usersTable, { userId }));
    },

    async updateDisplayName(userId, displayName) {
      const updated = await whenConditionHolds(
        client.send(
          new UpdateCommand({
            TableName: usersTable,
            Key: { userId },
            UpdateExpression: 'SET displayName = :displayName',
            ConditionExpression: 'attribute_exists(userId)',
            ExpressionAttributeValues: { ':displayName': displayName },
            ReturnValues: 'ALL_NEW',
          }),
        ),
      );
      return toRecord(updated?.Attributes);
    },

    async findByUsernamePrefix(prefix, limit) {
      const { Items = [] } = await client.send(
        new QueryCommand({
          TableName: usersTable,
          IndexName: INDEXES.usersByUsername,
          KeyConditionExpression: 'usernameInitial = :initial AND begins_with(username, :prefix)',
          ExpressionAttributeValues: { ':initial': prefix.charAt(0), ':prefix': prefix },
          Limit: limit,
        }),
      );
      return Items.flatMap((item) => toRecord(item) ?? []);
    },

    async remove(userId) {
      await client.send(new DeleteCommand({ TableName: usersTable, Key: { userId } }));
    },
  };
}
