import { RateLimitedError, systemClock, UnauthenticatedError, type Logger } from '@chat/runtime';
import { verifyAccessToken } from '@chat/auth-verifier';
import { webSocketHandler, type WebSocketLambdaHandler } from '@chat/aws';
import {
  connectionDirectory,
  connectionStore,
  connectionTtlSeconds,
  maxConnectionsPerUser,
} from '../adapters/environment';
import { openConnection, type TokenOwner } from '../use-cases/connections';
import type { Clock, ConnectionDirectory, ConnectionStore } from '../use-cases/ports';

export function connectHandler(deps: {
  verifyToken: (token: string | undefined) => Promise<TokenOwner>;
  connections: () => ConnectionStore;
  directory: () => ConnectionDirectory;
  clock: Clock;
  ttlSeconds: () => number;
  maxConnections: () => number;
  logger?: Logger;
}): WebSocketLambdaHandler {
  return webSocketHandler(
    'connect',
    async ({ event, connectionId, logger }) => {
      const { connectedAt } = event.requestContext as { connectedAt?: number };
      try {
        const record = await openConnection(
          {
            verifyToken: deps.verifyToken,
            connections: deps.connections(),
            directory: deps.directory(),
            clock: deps.clock,
            ttlSeconds: deps.ttlSeconds(),
            maxConnections: deps.maxConnections(),
          },
          {
            connectionId,
            token: (event as { queryStringParameters?: Record<string, string> }).queryStringParameters?.token,
            connectedAt: connectedAt === undefined ? deps.clock.now() : new Date(connectedAt),
          },
        );
        logger.info('connected', { userId: record.userId });
        return undefined;
      } catch (error) {
        if (!(error instanceof UnauthenticatedError || error instanceof RateLimitedError)) throw error;
        logger.info('handshake refused', { reason: error.message });
        return {
          statusCode: error instanceof RateLimitedError ? 429 : 401,
          body: JSON.stringify({ error: { code: error.code, message: error.message } }),
        };
      }
    },
    deps.logger,
  );
}

/**
 * `$connect ?token=<accessToken>`: a missing, bad, expired or revoked token refuses the handshake (401); a user
 * who already has the most open connections allowed is refused with 429.
 */
export const handler = connectHandler({
  verifyToken: verifyAccessToken,
  connections: connectionStore,
  directory: connectionDirectory,
  clock: systemClock,
  ttlSeconds: connectionTtlSeconds,
  maxConnections: maxConnectionsPerUser,
});
