import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { tableAdapter, traced } from '@chat/aws';
import { createEventPublisher, processedEventsGuards, type EventPublisher } from '@chat/events';
import { lazy, positiveIntegerEnv, requireEnv } from '@chat/runtime';
import type { LoginPolicy } from '../use-cases/log-in';
import type { IdentityProvider } from '../use-cases/ports';
import { cognitoIdentityProvider } from './cognito-identity-provider';
import { dynamoLoginAttempts } from './dynamodb-login-attempts';
import { dynamoRevocationLedger } from './dynamodb-revocation-ledger';
import { dynamoSessionStore } from './dynamodb-sessions';
import { dynamoProfileStore, dynamoRegistrationStore } from './dynamodb-users';
import { ENV } from './names';

/**
 * The adapters the handlers use, each built on first use from the function's environment (a function only
 * has the variables, and the IAM permissions, of what it uses: see serverless.ts) and kept for the sandbox's
 * life. SDK clients take region, credentials and endpoint from the standard AWS environment.
 */

/** The real clock and ids, for the use cases that take them. */
export { systemClock, ulidIds } from '@chat/runtime';

const cognitoClient = /* @__PURE__ */ lazy(() => traced(new CognitoIdentityProviderClient({})));

export const identityProvider = /* @__PURE__ */ lazy((): IdentityProvider =>
  cognitoIdentityProvider(cognitoClient(), {
    userPoolId: requireEnv(ENV.userPoolId),
    clientId: requireEnv(ENV.userPoolClientId),
  }),
);

export const registrationStore = /* @__PURE__ */ tableAdapter(
  () => ({ users: ENV.usersTable, claims: ENV.claimsTable }),
  dynamoRegistrationStore,
);
export const profileStore = /* @__PURE__ */ tableAdapter(() => ENV.usersTable, dynamoProfileStore);
export const sessionStore = /* @__PURE__ */ tableAdapter(() => ENV.sessionsTable, dynamoSessionStore);
export const loginAttempts = /* @__PURE__ */ tableAdapter(() => ENV.loginAttemptsTable, dynamoLoginAttempts);
export const revocationLedger = /* @__PURE__ */ tableAdapter(
  () => ENV.revocationsTable,
  dynamoRevocationLedger,
);

export const eventPublisher = /* @__PURE__ */ lazy((): EventPublisher =>
  createEventPublisher({
    client: traced(new EventBridgeClient({})),
    eventBusName: requireEnv(ENV.eventBusName),
  }),
);

/** An idempotency guard on eventId for one consumer, on the service's processed-events table. */
export const idempotencyGuard = /* @__PURE__ */ processedEventsGuards(() => ENV.processedEventsTable);

/** AUTO_CONFIRM_SIGNUP: 'true' on stages that confirm sign-ups without the e-mailed code (set per stage). */
export const autoConfirmSignUp = /* @__PURE__ */ lazy(
  (): boolean => requireEnv(ENV.autoConfirmSignUp) === 'true',
);

/** LOGIN_MAX_FAILURES failed logins per username within LOGIN_FAILURE_WINDOW_SECONDS, then 429 until it ends. */
export const loginPolicy = /* @__PURE__ */ lazy((): LoginPolicy => ({
  maxFailures: positiveIntegerEnv(ENV.loginMaxFailures),
  windowSeconds: positiveIntegerEnv(ENV.loginFailureWindowSeconds),
}));
