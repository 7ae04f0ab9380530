import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createEventPublisher, type EventPublisher } from '@chat/events';
import { requireEnv } from '@chat/runtime';
import { ulid } from 'ulid';
import type { LoginPolicy } from '../use-cases/log-in';
import type {
  Clock,
  IdentityProvider,
  IdGenerator,
  LoginAttempts,
  ProfileStore,
  RegistrationStore,
  RevocationLedger,
  SessionStore,
} from '../use-cases/ports';
import { cognitoIdentityProvider } from './cognito-identity-provider';
import { dynamoLoginAttempts } from './dynamodb-login-attempts';
import { dynamoRevocationLedger } from './dynamodb-revocation-ledger';
import { dynamoSessionStore } from './dynamodb-sessions';
import { dynamoProfileStore, dynamoRegistrationStore } from './dynamodb-users';

/**
 * The adapters the handlers use, each built on first use from the function's environment (a function only
 * has the variables, and the IAM permissions, of what it uses: see serverless.ts) and kept for the sandbox's
 * life. SDK clients take region, credentials and endpoint from the standard AWS environment.
 */
function once<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= build());
}

function positiveInteger(name: string): number {
  const raw = requireEnv(name);
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1)
    throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

const documentClient = once(() =>
  DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } }),
);
const cognitoClient = once(() => new CognitoIdentityProviderClient({}));

export const systemClock: Clock = { now: () => new Date() };
export const ulidGenerator: IdGenerator = { next: () => ulid() };

export const identityProvider = once((): IdentityProvider =>
  cognitoIdentityProvider(cognitoClient(), {
    userPoolId: requireEnv('USER_POOL_ID'),
    clientId: requireEnv('USER_POOL_CLIENT_ID'),
  }),
);

export const registrationStore = once((): RegistrationStore =>
  dynamoRegistrationStore(documentClient(), {
    users: requireEnv('USERS_TABLE'),
    claims: requireEnv('CLAIMS_TABLE'),
  }),
);

export const profileStore = once((): ProfileStore =>
  dynamoProfileStore(documentClient(), requireEnv('USERS_TABLE')),
);

export const sessionStore = once((): SessionStore =>
  dynamoSessionStore(documentClient(), requireEnv('SESSIONS_TABLE')),
);

export const loginAttempts = once((): LoginAttempts =>
  dynamoLoginAttempts(documentClient(), requireEnv('LOGIN_ATTEMPTS_TABLE')),
);

export const revocationLedger = once((): RevocationLedger =>
  dynamoRevocationLedger(documentClient(), requireEnv('REVOCATIONS_TABLE')),
);

export const eventPublisher = once((): EventPublisher =>
  createEventPublisher({ client: new EventBridgeClient({}), eventBusName: requireEnv('EVENT_BUS_NAME') }),
);

/** AUTO_CONFIRM_SIGNUP: 'true' on stages that confirm sign-ups without the e-mailed code (set per stage). */
export const autoConfirmSignUp = once((): boolean => requireEnv('AUTO_CONFIRM_SIGNUP') === 'true');

/** LOGIN_MAX_FAILURES failed logins per username within LOGIN_FAILURE_WINDOW_SECONDS, then 429 until it ends. */
export const loginPolicy = once((): LoginPolicy => ({
  maxFailures: positiveInteger('LOGIN_MAX_FAILURES'),
  windowSeconds: positiveInteger('LOGIN_FAILURE_WINDOW_SECONDS'),
}));
