import { systemClock, type Logger } from '@chat/runtime';
import { frameRouteHandler, type WebSocketLambdaHandler } from '@chat/aws';
import { connectionStore, connectionTtlSeconds, messenger, refreshLedger } from '../adapters/environment';
import type { RefreshLedger } from '../domain/connection';
import { answerPing } from '../use-cases/connections';
import type { Clock, ConnectionMessenger, ConnectionStore } from '../use-cases/ports';

export interface PingDependencies {
  messenger: () => ConnectionMessenger;
  connections: () => ConnectionStore;
  clock: Clock;
  ttlSeconds: () => number;
  ledger: () => RefreshLedger;
  logger?: Logger;
}

export function pingHandler(deps: PingDependencies): WebSocketLambdaHandler {
  return frameRouteHandler('ping', deps, async ({ connectionId, logger }) => {
    const outcome = await answerPing(
      {
        messenger: deps.messenger(),
        connections: deps.connections(),
        clock: deps.clock,
        ttlSeconds: deps.ttlSeconds(),
        ledger: deps.ledger(),
      },
      connectionId,
    );
    if (outcome === 'gone') logger.info('connection gone before pong');
  });
}

/** Route `ping`: answers `{"type":"pong"}` and keeps the connection record's TTL fresh (cheaply). */
export const handler = pingHandler({
  messenger,
  connections: connectionStore,
  clock: systemClock,
  ttlSeconds: connectionTtlSeconds,
  ledger: refreshLedger,
});
