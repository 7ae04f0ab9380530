import { VERIFIER_ENV } from '@chat/auth-verifier';
import { COMMON_ENV } from '@chat/runtime';

/** The environment variables of chat-auth's functions: set in serverless.ts, read in environment.ts. */
export const ENV = {
  usersTable: 'USERS_TABLE',
  claimsTable: 'CLAIMS_TABLE',
  sessionsTable: 'SESSIONS_TABLE',
  loginAttemptsTable: 'LOGIN_ATTEMPTS_TABLE',
  processedEventsTable: 'PROCESSED_EVENTS_TABLE',
  revocationsTable: VERIFIER_ENV.revocationsTable,
  userPoolId: VERIFIER_ENV.userPoolId,
  userPoolClientId: VERIFIER_ENV.userPoolClientId,
  eventBusName: COMMON_ENV.eventBusName,
  /** 'true' on stages that confirm sign-ups without the e-mailed code. */
  autoConfirmSignUp: 'AUTO_CONFIRM_SIGNUP',
  loginMaxFailures: 'LOGIN_MAX_FAILURES',
  loginFailureWindowSeconds: 'LOGIN_FAILURE_WINDOW_SECONDS',
} as const;

/** The indexes of chat-auth's tables: users' `byUsername` (`usernameInitial`, `username`: prefix search). */
export const INDEXES = {
  usersByUsername: 'byUsername',
} as const;
