import { createSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ChatApiError, ChatClient, type ChatClientOptions, type Session } from '@chat/client';
import type { LocalEndpoints } from '@chat/local';
import { eventually, localStack, signedInUser, type SignedInUser } from '@chat/testing';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import WebSocket from 'ws';

/** The client package's helpers for its integration tests (the shared ones are in @chat/testing). */

const CONNECTIONS_TABLE = 'chat-realtime-local-connections';

/** Quick reconnects and retries, so tests wait on outcomes, not on long backoffs. */
export const TEST_BACKOFF = { baseMs: 100, maxMs: 1_000 };

const openClients = new Set<ChatClient>();

/** A client of the stack at `endpoints` (the shared test stack by default), with the `ws` WebSocket. */
export function newClient(
  overrides: Partial<ChatClientOptions> = {},
  endpoints: LocalEndpoints = localStack(),
) {
  const chat = new ChatClient({
    httpUrl: endpoints.http,
    wsUrl: endpoints.webSocket,
    WebSocket: WebSocket as unknown as ChatClientOptions['WebSocket'],
    backoff: TEST_BACKOFF,
    ...overrides,
  });
  openClients.add(chat);
  return chat;
}

/** Closes every client the tests made (call in afterAll). */
export async function closeAllClients(): Promise<void> {
  await Promise.all([...openClients].map((chat) => chat.close()));
  openClients.clear();
}

/** A client signed in as `user` (a new user unless given), connected. */
export async function connectedClient(
  user?: SignedInUser,
  overrides: Partial<ChatClientOptions> = {},
  endpoints: LocalEndpoints = localStack(),
): Promise<{ chat: ChatClient; user: SignedInUser }> {
  const signedIn = user ?? (await signedInUser());
  const chat = newClient(overrides, endpoints);
  await chat.login({ username: signedIn.username, password: signedIn.password });
  await chat.connect();
  return { chat, user: signedIn };
}

/** The ids of the user's open WebSocket connections (realtime's connections table). */
export async function connectionIdsOf(
  userId: string,
  endpoints: LocalEndpoints = localStack(),
): Promise<string[]> {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: endpoints.dynamodb,
      region: endpoints.region,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
  try {
    const { Items = [] } = await client.send(
      new QueryCommand({
        TableName: CONNECTIONS_TABLE,
        IndexName: 'byUserId',
        KeyConditionExpression: 'userId = :userId',
        ExpressionAttributeValues: { ':userId': userId },
      }),
    );
    return Items.map((item) => String(item.connectionId));
  } finally {
    client.destroy();
  }
}

/** The server closes every socket of the user: `DELETE @connections/{id}` of the WebSocket API's management API. */
export async function dropSockets(userId: string, endpoints: LocalEndpoints = localStack()): Promise<number> {
  const ids = await connectionIdsOf(userId, endpoints);
  const statuses = await Promise.all(
    ids.map(
      async (id) =>
        (await fetch(`${endpoints.webSocketManagement}/@connections/${id}`, { method: 'DELETE' })).status,
    ),
  );
  return statuses.filter((status) => status === 204).length;
}

/**
 * The session with its access token expired an hour ago: the same claims re-signed with cognito-local's own key
 * (the one its JWKS publishes), so it is a token the user pool could have issued, and the server refuses it.
 */
export function expiredSession(session: Session): Session {
  const [header, payload] = session.accessToken.split('.');
  const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
  const past = Math.floor(Date.now() / 1000) - 7200;
  const edited = { ...claims, iat: past, auth_time: past, exp: past + 3600 };
  const keyFile = path.join(
    path.dirname(require.resolve('cognito-local/package.json')),
    'lib/keys/cognitoLocal.private.json',
  );
  const { pem } = JSON.parse(readFileSync(keyFile, 'utf8')) as { pem: string };
  const input = `${header}.${Buffer.from(JSON.stringify(edited)).toString('base64url')}`;
  const accessToken = `${input}.${createSign('RSA-SHA256').update(input).sign(pem).toString('base64url')}`;
  return { ...session, accessToken, expiresAt: (past + 3600) * 1000 };
}

/**
 * `owner` adds `userId` to the room. The rooms service learns of a user from UserRegistered (its users
 * projection), a moment after registration: until then the add answers 404 NOT_FOUND, so it is tried again.
 */
export async function addOnceKnown(owner: ChatClient, roomId: string, userId: string): Promise<void> {
  await eventually(
    () =>
      owner.api.addMember(roomId, { userId }).then(
        () => true,
        (error: unknown) => {
          if (error instanceof ChatApiError && error.status === 404) return false;
          throw error;
        },
      ),
    { what: `${userId} known to the rooms service` },
  );
}
