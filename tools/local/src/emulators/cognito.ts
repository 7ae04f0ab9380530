import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  type PasswordPolicyType,
} from '@aws-sdk/client-cognito-identity-provider';
import { assertIsJwks, type Jwks } from 'aws-jwt-verify/jwk';
import type { Json } from 'aws-jwt-verify/safe-json-parse';
import type { RunningServer } from '../cloud/types';
import { errorMessage } from './error-message';
import type { CognitoLocalChildMessage } from './cognito-local-child';

export interface CognitoLocalOptions {
  /** Port on 127.0.0.1; 0 picks a free one (the issuer does not depend on the port). */
  port: number;
  /** Working directory of cognito-local: its config and data live under `<dataDir>/.cognito/`. */
  dataDir: string;
  /** Region of the user pool ids (`<region>_<id>`) and of the issuer. Default `us-east-1`. */
  region?: string;
  /** Account id in user pool ARNs. Default `000000000000`. */
  accountId?: string;
  /**
   * Cognito Lambda triggers (`PreSignUp`, `PostConfirmation`, `PreTokenGeneration`, …) by function name,
   * invoked through the Lambda Invoke API at `lambdaEndpoint`. cognito-local applies them to every pool.
   */
  triggers?: { lambdaEndpoint: string; functions: Record<string, string> };
  /** Receives every output line of cognito-local (pino JSON lines); by default they are only kept for errors. */
  onOutput?: (line: string) => void;
  /** Default 30 s. */
  startTimeoutMs?: number;
}

export interface RunningCognitoLocal extends RunningServer {
  pid: number;
  region: string;
}

const DEFAULT_REGION = 'us-east-1';
const DEFAULT_ACCOUNT_ID = '000000000000';
const OUTPUT_TAIL_LINES = 40;
const STOP_GRACE_MS = 5_000;
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/** The `iss` of Cognito's tokens for a user pool; cognito-local is configured to issue the same. */
export function cognitoIssuer(region: string, userPoolId: string): string {
  return `https://cognito-idp.${region}.amazonaws.com/${userPoolId}`;
}

/** Where cognito-local serves the JWKS of a user pool (over http, unlike Cognito). */
export function cognitoLocalJwksUrl(endpoint: string, userPoolId: string): string {
  return `${endpoint.replace(/\/+$/, '')}/${userPoolId}/.well-known/jwks.json`;
}

/**
 * Fetches the JWKS of a cognito-local user pool, to give to `CognitoJwtVerifier#cacheJwks`: aws-jwt-verify
 * only fetches JWKS from Cognito's https URL, so a verifier for the local stack is primed with this one.
 */
export async function fetchCognitoLocalJwks(endpoint: string, userPoolId: string): Promise<Jwks> {
  const url = cognitoLocalJwksUrl(endpoint, userPoolId);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  const jwks = (await response.json()) as Json;
  assertIsJwks(jwks);
  return jwks;
}

/** cognito-local's `.cognito/config.json`: tokens carry Cognito's issuer, user names are not e-mails. */
export function cognitoLocalConfig(
  region: string,
  triggers?: CognitoLocalOptions['triggers'],
): Record<string, unknown> {
  return {
    TokenConfig: { IssuerDomain: `https://cognito-idp.${region}.amazonaws.com` },
    // cognito-local defaults to e-mail user names; Cognito's default (and this project's pool) is plain user names.
    UserPoolDefaults: { UsernameAttributes: [] },
    TriggerFunctions: triggers?.functions ?? {},
    ...(triggers
      ? {
          LambdaClient: {
            endpoint: triggers.lambdaEndpoint,
            region,
            credentials: LOCAL_CREDENTIALS,
            maxRetries: 0,
          },
        }
      : {}),
  };
}

/**
 * Starts cognito-local 5.3 as a child process bound to 127.0.0.1, with its data under `dataDir` (kept
 * across restarts). User pool ids take Cognito's `<region>_<id>` form and tokens carry Cognito's issuer
 * (`cognitoIssuer`), so aws-jwt-verify's CognitoJwtVerifier checks them on its production path once
 * primed with `fetchCognitoLocalJwks`. Rejects with one error (port taken, crash, timeout); the child
 * exits with its parent.
 */
export async function startCognitoLocal(options: CognitoLocalOptions): Promise<RunningCognitoLocal> {
  const region = options.region ?? DEFAULT_REGION;
  const dataDir = path.resolve(options.dataDir);
  await mkdir(path.join(dataDir, '.cognito'), { recursive: true });
  await writeFile(
    path.join(dataDir, '.cognito', 'config.json'),
    `${JSON.stringify(cognitoLocalConfig(region, options.triggers), null, 2)}\n`,
  );

  const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), childEntry()], {
    cwd: dataDir,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(options.port),
      COGNITO_LOCAL_REGION: region,
      COGNITO_LOCAL_ACCOUNT_ID: options.accountId ?? DEFAULT_ACCOUNT_ID,
      AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const output = collectOutput(child, options.onOutput);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  let port: number;
  try {
    port = await waitUntilReady(child, options.startTimeoutMs ?? 30_000);
  } catch (error) {
    await stop(child, exited);
    const reason = errorMessage(error);
    const tail = output.tail();
    throw new Error(
      `cognito-local could not start on 127.0.0.1:${options.port}: ${reason}${tail ? `\n${tail}` : ''}`,
    );
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    pid: child.pid ?? -1,
    region,
    close: () => stop(child, exited),
  };
}

function childEntry(): string {
  return path.join(__dirname, 'cognito-local-child.ts');
}

function collectOutput(child: ChildProcess, onOutput?: (line: string) => void): { tail(): string } {
  const lines: string[] = [];
  const onChunk = (chunk: Buffer): void => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      lines.push(line);
      if (lines.length > OUTPUT_TAIL_LINES) lines.shift();
      onOutput?.(line);
    }
  };
  child.stdout?.on('data', onChunk);
  child.stderr?.on('data', onChunk);
  return { tail: () => lines.join('\n') };
}

function waitUntilReady(child: ChildProcess, timeoutMs: number): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`not ready after ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (message: CognitoLocalChildMessage): void => {
      if (message.type === 'ready') finish(undefined, message.port);
      else finish(new Error(message.message));
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void =>
      finish(new Error(`it exited (${signal ?? `code ${code}`}) before it was ready`));
    const onError = (error: Error): void => finish(error);
    function finish(error: Error | undefined, port?: number): void {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      child.off('error', onError);
      if (error || port === undefined) reject(error ?? new Error('no port'));
      else resolve(port);
    }
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}

/** Asks the child to exit (it exits when the IPC channel closes), then kills it if it lingers. */
async function stop(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  if (child.connected) child.disconnect();
  else child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

export interface EnsureUserPoolOptions {
  endpoint: string;
  region: string;
  poolName: string;
  clientName: string;
  /** Stored on the pool; note that cognito-local does not enforce it at SignUp. */
  passwordPolicy?: PasswordPolicyType;
}

/**
 * Creates the user pool and a public app client (no secret, USER_PASSWORD_AUTH and REFRESH_TOKEN_AUTH,
 * Cognito's default token validity: 60 min access/id, 30 days refresh), or reuses the ones with those names, so it can run on every start of the local stack.
 */
export async function ensureUserPool(
  options: EnsureUserPoolOptions,
): Promise<{ userPoolId: string; clientId: string }> {
  const cognito = new CognitoIdentityProviderClient({
    endpoint: options.endpoint,
    region: options.region,
    credentials: LOCAL_CREDENTIALS,
  });
  try {
    const userPoolId = await ensurePool(cognito, options);
    if (!userPoolId.startsWith(`${options.region}_`)) {
      throw new Error(
        `user pool ${options.poolName} has id ${userPoolId}, not in the form ${options.region}_<id>: ` +
          'start cognito-local with startCognitoLocal in the same region',
      );
    }
    const clientId = await ensureClient(cognito, userPoolId, options.clientName);
    return { userPoolId, clientId };
  } finally {
    cognito.destroy();
  }
}

async function ensurePool(
  cognito: CognitoIdentityProviderClient,
  options: EnsureUserPoolOptions,
): Promise<string> {
  const { UserPools = [] } = await cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }));
  const existing = UserPools.find((pool) => pool.Name === options.poolName);
  if (existing?.Id) return existing.Id;
  const { UserPool } = await cognito.send(
    new CreateUserPoolCommand({
      PoolName: options.poolName,
      ...(options.passwordPolicy ? { Policies: { PasswordPolicy: options.passwordPolicy } } : {}),
    }),
  );
  if (!UserPool?.Id) throw new Error(`CreateUserPool ${options.poolName} returned no id`);
  return UserPool.Id;
}

async function ensureClient(
  cognito: CognitoIdentityProviderClient,
  userPoolId: string,
  clientName: string,
): Promise<string> {
  const { UserPoolClients = [] } = await cognito.send(
    new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60 }),
  );
  const existing = UserPoolClients.find((client) => client.ClientName === clientName);
  if (existing?.ClientId) return existing.ClientId;
  const { UserPoolClient } = await cognito.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: clientName,
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      EnableTokenRevocation: true,
      // Cognito's defaults (cognito-local would otherwise issue 24-hour access and id tokens).
      AccessTokenValidity: 60,
      IdTokenValidity: 60,
      RefreshTokenValidity: 30,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
    }),
  );
  if (!UserPoolClient?.ClientId) throw new Error(`CreateUserPoolClient ${clientName} returned no id`);
  return UserPoolClient.ClientId;
}
