import { createSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  closeAllSockets,
  connect,
  eventually,
  logOut,
  refusedStatus,
  signedInUser,
  stackSocketUrl,
} from '@chat/testing';
import { closeDynamo, CONNECTIONS_TABLE, dynamo } from '../support/stack';

afterAll(async () => {
  await closeAllSockets();
  closeDynamo();
});

/**
 * `token` re-signed with cognito-local's own signing key (the one its JWKS publishes) after `edit` changed
 * its claims: a token the emulator could have issued, e.g. one that has expired.
 */
function resigned(token: string, edit: (claims: Record<string, unknown>) => Record<string, unknown>): string {
  const [header, payload] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
  const keyFile = path.join(
    path.dirname(require.resolve('cognito-local/package.json')),
    'lib/keys/cognitoLocal.private.json',
  );
  const { pem } = JSON.parse(readFileSync(keyFile, 'utf8')) as { pem: string };
  const input = `${header}.${Buffer.from(JSON.stringify(edit(claims))).toString('base64url')}`;
  return `${input}.${createSign('RSA-SHA256').update(input).sign(pem).toString('base64url')}`;
}

async function recordOf(connectionId: string) {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: CONNECTIONS_TABLE, Key: { connectionId } }),
  );
  return Item;
}

describe('the WebSocket handshake ($connect) on the local stack', () => {
  it('accepts a valid access token and records the connection for its user', async () => {
    const alice = await signedInUser();

    const client = await connect(alice.accessToken);
    client.send({ action: 'ping' });
    await client.next('pong');

    const item = await eventually(
      async () => {
        const { Items = [] } = await dynamo().send(
          new QueryCommand({
            TableName: CONNECTIONS_TABLE,
            IndexName: 'byUserId',
            KeyConditionExpression: 'userId = :u',
            ExpressionAttributeValues: { ':u': alice.userId },
          }),
        );
        return Items[0];
      },
      { what: 'the connection record' },
    );
    expect(item).toMatchObject({ userId: alice.userId, username: alice.username });
    expect(Number(item.expiresAt)).toBeGreaterThan(Date.now() / 1000 + 3600);
    expect(await recordOf(String(item.connectionId))).toBeDefined();
  });

  it('refuses a handshake without a token, with a malformed token, or with an id token, with 401', async () => {
    const alice = await signedInUser();

    expect(await refusedStatus(stackSocketUrl(undefined))).toBe(401);
    expect(await refusedStatus(stackSocketUrl('not-a-jwt'))).toBe(401);
    expect(await refusedStatus(stackSocketUrl(alice.idToken))).toBe(401);
  });

  it('refuses an expired access token with 401', async () => {
    const alice = await signedInUser();
    const expired = resigned(alice.accessToken, (claims) => ({
      ...claims,
      iat: Number(claims.iat) - 7200,
      auth_time: Number(claims.iat) - 7200,
      exp: Number(claims.iat) - 3600,
    }));

    expect(await refusedStatus(stackSocketUrl(expired))).toBe(401);
  });

  it('proves the re-signing keeps a token valid when nothing but the signature is redone', async () => {
    const alice = await signedInUser();

    const client = await connect(resigned(alice.accessToken, (claims) => claims));

    await client.close();
  });

  it('refuses a token revoked by logout with 401', async () => {
    const alice = await signedInUser();
    await logOut(alice);

    expect(await refusedStatus(stackSocketUrl(alice.accessToken))).toBe(401);
  });
});
