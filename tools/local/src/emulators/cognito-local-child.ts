/**
 * Entry of the cognito-local child process that `startCognitoLocal` spawns (run with tsx's CommonJS hook).
 *
 * It starts cognito-local 5.3's own server (the same as its `lib/bin/start.js`) with two differences:
 * - user pool ids take Cognito's `<region>_<id>` form: cognito-local hard-codes `local_<id>`, which
 *   aws-jwt-verify's CognitoJwtVerifier refuses as a user pool id;
 * - the process exits as soon as its parent goes away (the IPC channel closes), so it never outlives
 *   the local stack, even when the parent is killed with SIGKILL.
 * It reports `{ type: 'ready', port }` or `{ type: 'failed', message }` to the parent over IPC.
 *
 * Environment: HOST, PORT (read by cognito-local), COGNITO_LOCAL_REGION, COGNITO_LOCAL_ACCOUNT_ID,
 * COGNITO_LOCAL_LOG_LEVEL (pino level, default `info`; logs are JSON lines on stdout).
 */
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { createDefaultServer } from 'cognito-local/lib/server/defaults';
import { CognitoServiceImpl } from 'cognito-local/lib/services/cognitoService';
import { errorMessage } from './error-message';

export type CognitoLocalChildMessage = { type: 'ready'; port: number } | { type: 'failed'; message: string };

type Logger = Parameters<typeof createDefaultServer>[0];
type PinoFactory = (options: { level: string; base: null }) => Logger;

const LOCAL_POOL_ID = /^local_/;

function send(message: CognitoLocalChildMessage, then: () => void = () => undefined): void {
  if (process.send) process.send(message, undefined, undefined, then);
  else then();
}

function usePoolIdsInCognitoForm(region: string, accountId: string): void {
  const createUserPool = CognitoServiceImpl.prototype.createUserPool;
  CognitoServiceImpl.prototype.createUserPool = function (ctx, userPool) {
    const id = userPool.Id.replace(LOCAL_POOL_ID, `${region}_`);
    const arn = `arn:aws:cognito-idp:${region}:${accountId}:userpool/${id}`;
    return createUserPool.call(this, ctx, { ...userPool, Id: id, Arn: arn });
  };
}

function main(): void {
  process.on('disconnect', () => process.exit(0));
  const region = process.env.COGNITO_LOCAL_REGION ?? 'us-east-1';
  const accountId = process.env.COGNITO_LOCAL_ACCOUNT_ID ?? '000000000000';
  usePoolIdsInCognitoForm(region, accountId);

  // cognito-local's own logger (pino), resolved from cognito-local's dependencies.
  const requireFromCognitoLocal = createRequire(require.resolve('cognito-local/package.json'));
  const pino = requireFromCognitoLocal('pino') as PinoFactory;
  const logger = pino({ level: process.env.COGNITO_LOCAL_LOG_LEVEL ?? 'info', base: null });

  createDefaultServer(logger)
    .then((server) => server.start())
    .then((httpServer) => {
      const { port } = httpServer.address() as AddressInfo;
      send({ type: 'ready', port });
    })
    .catch((error: unknown) => {
      const message = errorMessage(error);
      console.error(`cognito-local failed to start: ${message}`);
      send({ type: 'failed', message }, () => process.exit(1));
    });
}

main();
