import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createNetServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  AdminConfirmSignUpCommand,
  AdminGetUserCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  ListUsersCommand,
  NotAuthorizedException,
  RevokeTokenCommand,
  SignUpCommand,
  UpdateUserAttributesCommand,
  type AuthenticationResultType,
} from '@aws-sdk/client-cognito-identity-provider';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { CognitoJwtInvalidClientIdError, CognitoJwtInvalidTokenUseError } from 'aws-jwt-verify/error';
import { eventually } from '@chat/testing';
import {
  cognitoIssuer,
  ensureUserPool,
  fetchCognitoLocalJwks,
  startCognitoLocal,
  type RunningCognitoLocal,
} from '../../../src/emulators';

const region = 'us-east-1';
const password = 'Corr3ct-horse!';
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

type Pool = { userPoolId: string; clientId: string };

function cognitoClient(endpoint: string): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({ endpoint, region, credentials, maxAttempts: 1 });
}

function payloadOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}

async function aConfirmedUser(
  cognito: CognitoIdentityProviderClient,
  pool: Pool,
): Promise<{ username: string; userSub: string }> {
  const username = `user-${randomUUID().slice(0, 8)}`;
  const { UserSub } = await cognito.send(
    new SignUpCommand({
      ClientId: pool.clientId,
      Username: username,
      Password: password,
      UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }],
    }),
  );
  await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: pool.userPoolId, Username: username }));
  return { username, userSub: UserSub ?? '' };
}

async function logIn(
  cognito: CognitoIdentityProviderClient,
  clientId: string,
  username: string,
): Promise<Required<Pick<AuthenticationResultType, 'AccessToken' | 'IdToken' | 'RefreshToken'>>> {
  const { AuthenticationResult: tokens } = await cognito.send(
    new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
  );
  if (!tokens?.AccessToken || !tokens.IdToken || !tokens.RefreshToken)
    throw new Error('login returned no tokens');
  return { AccessToken: tokens.AccessToken, IdToken: tokens.IdToken, RefreshToken: tokens.RefreshToken };
}

/** Running, as opposed to gone or a zombie waiting to be reaped. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

describe('cognito-local started by startCognitoLocal', () => {
  let dataDir: string;
  let server: RunningCognitoLocal;
  let cognito: CognitoIdentityProviderClient;
  let pool: Pool;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'cognito-local-'));
    server = await startCognitoLocal({ port: 0, dataDir, region });
    pool = await ensureUserPool({
      endpoint: server.url,
      region,
      poolName: 'chat-test-users',
      clientName: 'web',
    });
    cognito = cognitoClient(server.url);
  });

  afterAll(async () => {
    cognito?.destroy();
    await server?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("gives user pools Cognito's id form and tokens Cognito's issuer", async () => {
    // Arrange
    const user = await aConfirmedUser(cognito, pool);

    // Act
    const tokens = await logIn(cognito, pool.clientId, user.username);

    // Assert
    expect(pool.userPoolId).toMatch(/^us-east-1_[A-Za-z0-9]+$/);
    expect(payloadOf(tokens.AccessToken)).toMatchObject({
      iss: `https://cognito-idp.us-east-1.amazonaws.com/${pool.userPoolId}`,
      token_use: 'access',
      client_id: pool.clientId,
      sub: user.userSub,
      username: user.username,
    });
    expect(cognitoIssuer(region, pool.userPoolId)).toBe(payloadOf(tokens.AccessToken).iss);
  });

  it('issues access tokens that CognitoJwtVerifier verifies on its production path', async () => {
    // Arrange
    const user = await aConfirmedUser(cognito, pool);
    const tokens = await logIn(cognito, pool.clientId, user.username);
    const verifier = CognitoJwtVerifier.create({
      userPoolId: pool.userPoolId,
      clientId: pool.clientId,
      tokenUse: 'access',
    });
    verifier.cacheJwks(await fetchCognitoLocalJwks(server.url, pool.userPoolId));

    // Act
    const payload = await verifier.verify(tokens.AccessToken);

    // Assert
    expect(payload).toMatchObject({ sub: user.userSub, username: user.username, client_id: pool.clientId });
    expect(payload.exp - payload.iat).toBe(3600);
  });

  it('has the verifier refuse an id token, a token of another client and a token of another pool', async () => {
    // Arrange
    const otherClient = await ensureUserPool({
      endpoint: server.url,
      region,
      poolName: 'chat-test-users',
      clientName: 'cli',
    });
    const otherPool = await ensureUserPool({
      endpoint: server.url,
      region,
      poolName: 'other-users',
      clientName: 'web',
    });
    const user = await aConfirmedUser(cognito, pool);
    const stranger = await aConfirmedUser(cognito, otherPool);
    const verifier = CognitoJwtVerifier.create({
      userPoolId: pool.userPoolId,
      clientId: pool.clientId,
      tokenUse: 'access',
    });
    verifier.cacheJwks(await fetchCognitoLocalJwks(server.url, pool.userPoolId));

    // Act
    const idToken = (await logIn(cognito, pool.clientId, user.username)).IdToken;
    const otherClientToken = (await logIn(cognito, otherClient.clientId, user.username)).AccessToken;
    const otherPoolToken = (await logIn(cognito, otherPool.clientId, stranger.username)).AccessToken;

    // Assert
    const otherPoolIssuer = cognitoIssuer(region, otherPool.userPoolId);
    expect(otherClient.userPoolId).toBe(pool.userPoolId);
    expect(otherClient.clientId).not.toBe(pool.clientId);
    await expect(verifier.verify(idToken)).rejects.toBeInstanceOf(CognitoJwtInvalidTokenUseError);
    await expect(verifier.verify(otherClientToken)).rejects.toBeInstanceOf(CognitoJwtInvalidClientIdError);
    await expect(verifier.verify(otherPoolToken)).rejects.toThrow(
      `issuer not configured: ${otherPoolIssuer}`,
    );
  });

  it('refreshes tokens with REFRESH_TOKEN_AUTH and refuses a refresh token after RevokeToken', async () => {
    // Arrange
    const user = await aConfirmedUser(cognito, pool);
    const tokens = await logIn(cognito, pool.clientId, user.username);
    const refresh = () =>
      cognito.send(
        new InitiateAuthCommand({
          ClientId: pool.clientId,
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken },
        }),
      );
    const verifier = CognitoJwtVerifier.create({
      userPoolId: pool.userPoolId,
      clientId: pool.clientId,
      tokenUse: 'access',
    });
    verifier.cacheJwks(await fetchCognitoLocalJwks(server.url, pool.userPoolId));

    // Act
    const refreshed = await refresh();
    await cognito.send(new RevokeTokenCommand({ ClientId: pool.clientId, Token: tokens.RefreshToken }));
    const afterRevoke = refresh();

    // Assert
    expect(refreshed.AuthenticationResult?.RefreshToken).toBeUndefined();
    await expect(verifier.verify(refreshed.AuthenticationResult?.AccessToken ?? '')).resolves.toMatchObject({
      sub: user.userSub,
    });
    await expect(afterRevoke).rejects.toBeInstanceOf(NotAuthorizedException);
  });

  it('serves ListUsers with a prefix filter, AdminGetUser and UpdateUserAttributes', async () => {
    // Arrange
    const user = await aConfirmedUser(cognito, pool);
    const tokens = await logIn(cognito, pool.clientId, user.username);

    // Act
    await cognito.send(
      new UpdateUserAttributesCommand({
        AccessToken: tokens.AccessToken,
        UserAttributes: [{ Name: 'name', Value: 'Ada' }],
      }),
    );
    const listed = await cognito.send(
      new ListUsersCommand({
        UserPoolId: pool.userPoolId,
        Filter: `username ^= "${user.username.slice(0, 9)}"`,
      }),
    );
    const fetched = await cognito.send(
      new AdminGetUserCommand({ UserPoolId: pool.userPoolId, Username: user.username }),
    );

    // Assert
    expect(listed.Users?.map((u) => u.Username)).toEqual([user.username]);
    expect(fetched.UserStatus).toBe('CONFIRMED');
    expect(fetched.UserAttributes).toEqual(expect.arrayContaining([{ Name: 'name', Value: 'Ada' }]));
  });

  it('answers GlobalSignOut and AdminUserGlobalSignOut as unsupported', async () => {
    // Arrange
    const user = await aConfirmedUser(cognito, pool);
    const tokens = await logIn(cognito, pool.clientId, user.username);

    // Act
    const globalSignOut = cognito.send(new GlobalSignOutCommand({ AccessToken: tokens.AccessToken }));
    const adminSignOut = cognito.send(
      new AdminUserGlobalSignOutCommand({ UserPoolId: pool.userPoolId, Username: user.username }),
    );

    // Assert
    await expect(globalSignOut).rejects.toMatchObject({
      name: 'Unsupported',
      $metadata: { httpStatusCode: 500 },
    });
    await expect(adminSignOut).rejects.toMatchObject({
      name: 'Unsupported',
      $metadata: { httpStatusCode: 500 },
    });
  });

  it('reuses the user pool and the client of the same names', async () => {
    // Act
    const again = await ensureUserPool({
      endpoint: server.url,
      region,
      poolName: 'chat-test-users',
      clientName: 'web',
    });

    // Assert
    expect(again).toEqual(pool);
  });
});

describe('the cognito-local process', () => {
  const dataDirs: string[] = [];
  const servers: Server[] = [];
  const pids: number[] = [];

  async function aDataDir(): Promise<string> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'cognito-local-'));
    dataDirs.push(dir);
    return dir;
  }

  afterAll(async () => {
    for (const pid of pids) if (isRunning(pid)) process.kill(pid, 'SIGKILL');
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    await Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('keeps pools, clients and users across a restart on the same data folder, and stops on close', async () => {
    // Arrange
    const dataDir = await aDataDir();
    const first = await startCognitoLocal({ port: 0, dataDir, region });
    pids.push(first.pid);
    const pool = await ensureUserPool({
      endpoint: first.url,
      region,
      poolName: 'persisted',
      clientName: 'web',
    });
    const firstClient = cognitoClient(first.url);
    const user = await aConfirmedUser(firstClient, pool);
    firstClient.destroy();

    // Act
    await first.close();
    const stoppedAfterClose = !isRunning(first.pid);
    const second = await startCognitoLocal({ port: 0, dataDir, region });
    pids.push(second.pid);
    const secondClient = cognitoClient(second.url);
    try {
      const reused = await ensureUserPool({
        endpoint: second.url,
        region,
        poolName: 'persisted',
        clientName: 'web',
      });
      const tokens = await logIn(secondClient, reused.clientId, user.username);

      // Assert
      expect(stoppedAfterClose).toBe(true);
      expect(reused).toEqual(pool);
      expect(payloadOf(tokens.AccessToken).sub).toBe(user.userSub);
    } finally {
      secondClient.destroy();
      await second.close();
    }
  });

  it('rejects with one clear error when its port is taken', async () => {
    // Arrange
    const blocker = createNetServer();
    servers.push(blocker);
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;

    // Act
    const start = startCognitoLocal({ port, dataDir: await aDataDir(), region, startTimeoutMs: 20_000 });

    // Assert
    await expect(start).rejects.toThrow(
      new RegExp(`^cognito-local could not start on 127\\.0\\.0\\.1:${port}: listen EADDRINUSE`),
    );
  });

  it('exits when its parent process is killed', async () => {
    // Arrange
    const fixture = path.join(__dirname, 'fixtures', 'cognito-local-parent.ts');
    const parent = spawn(
      process.execPath,
      ['--require', require.resolve('tsx/cjs'), fixture, await aDataDir()],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    if (parent.pid) pids.push(parent.pid);
    const childPid = await new Promise<number>((resolve, reject) => {
      parent.stdout?.once('data', (chunk: Buffer) =>
        resolve((JSON.parse(chunk.toString('utf8')) as { pid: number }).pid),
      );
      parent.once('exit', (code) =>
        reject(new Error(`the parent exited with ${code} before it printed the pid`)),
      );
    });
    pids.push(childPid);
    const runningBefore = isRunning(childPid);

    // Act
    parent.kill('SIGKILL');

    // Assert
    expect(runningBefore).toBe(true);
    await eventually(() => !isRunning(childPid), {
      timeoutMs: 10_000,
      intervalMs: 50,
      what: 'cognito-local to exit after its parent',
    });
  });

  it('invokes a configured PreSignUp trigger through the Lambda Invoke endpoint', async () => {
    // Arrange
    const invoked: string[] = [];
    const lambda = createHttpServer((request, response) => {
      invoked.push(`${request.method} ${request.url}`);
      request.resume();
      request.on('end', () => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ response: { autoConfirmUser: true, autoVerifyEmail: true } }));
      });
    });
    servers.push(lambda);
    await new Promise<void>((resolve) => lambda.listen(0, '127.0.0.1', resolve));
    const address = lambda.address();
    const lambdaEndpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const server = await startCognitoLocal({
      port: 0,
      dataDir: await aDataDir(),
      region,
      triggers: { lambdaEndpoint, functions: { PreSignUp: 'auth-local-preSignUp' } },
    });
    pids.push(server.pid);
    const cognito = cognitoClient(server.url);
    try {
      const pool = await ensureUserPool({
        endpoint: server.url,
        region,
        poolName: 'triggered',
        clientName: 'web',
      });

      // Act
      const signUp = await cognito.send(
        new SignUpCommand({
          ClientId: pool.clientId,
          Username: 'ada',
          Password: password,
          UserAttributes: [],
        }),
      );

      // Assert
      expect(signUp.UserConfirmed).toBe(true);
      expect(invoked).toEqual(['POST /2015-03-31/functions/auth-local-preSignUp/invocations']);
    } finally {
      cognito.destroy();
      await server.close();
    }
  });
});
