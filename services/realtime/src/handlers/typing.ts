import type { Logger } from '@chat/runtime';
import {
  connectionDirectory,
  connectionStore,
  connectionTtlSeconds,
  deliveryRetry,
  fanOutConcurrency,
  fanOutPageSize,
  membershipReader,
  messenger,
  refreshLedger,
  systemClock,
  ulidIds,
} from '../adapters/environment';
import type { RefreshLedger } from '../domain/connection';
import type { RetryPolicy } from '../use-cases/concurrency';
import { keepAlive } from '../use-cases/connections';
import type {
  Clock,
  ConnectionDirectory,
  ConnectionMessenger,
  ConnectionStore,
  IdGenerator,
  MembershipReader,
} from '../use-cases/ports';
import { sendTyping } from '../use-cases/send-typing';
import { frameRouteHandler, type WebSocketLambdaHandler } from './websocket-handler';

/** Typing is a hint: in a huge room only the first members (by userId) get it. */
export const MAX_TYPING_RECIPIENTS = 2000;

export interface TypingHandlerDependencies {
  messenger: () => ConnectionMessenger;
  connections: () => ConnectionStore;
  directory: () => ConnectionDirectory;
  memberships: () => MembershipReader;
  ids: IdGenerator;
  clock: Clock;
  ttlSeconds: () => number;
  ledger: () => RefreshLedger;
  pageSize: () => number;
  concurrency: () => number;
  retry: RetryPolicy;
  logger?: Logger;
}

export function typingHandler(deps: TypingHandlerDependencies): WebSocketLambdaHandler {
  return frameRouteHandler('typing', deps, async ({ event, connectionId, logger }) => {
    const connections = deps.connections();
    const outcome = await sendTyping(
      {
        connections,
        directory: deps.directory(),
        messenger: deps.messenger(),
        clock: deps.clock,
        memberships: deps.memberships(),
        ids: deps.ids,
        pageSize: deps.pageSize(),
        maxRecipients: MAX_TYPING_RECIPIENTS,
        concurrency: deps.concurrency(),
        retry: deps.retry,
        logger,
        ownerOf: (id) => connections.ownerOf(id),
      },
      { connectionId, body: event.body },
    );
    if (outcome.kind === 'refused') {
      await deps.messenger().send(connectionId, outcome.reply);
      logger.info('typing refused', { reply: outcome.reply });
      return;
    }
    logger.info('typing delivered', { roomId: outcome.roomId, userId: outcome.userId, ...outcome.report });
    await keepAlive(
      { connections, clock: deps.clock, ttlSeconds: deps.ttlSeconds(), ledger: deps.ledger() },
      connectionId,
    );
  });
}

/** Route `typing`: `{"action":"typing","roomId"}` → `typing` frames to the room's other members. */
export const handler = typingHandler({
  messenger,
  connections: connectionStore,
  directory: connectionDirectory,
  memberships: membershipReader,
  ids: ulidIds,
  clock: systemClock,
  ttlSeconds: connectionTtlSeconds,
  ledger: refreshLedger,
  pageSize: fanOutPageSize,
  concurrency: fanOutConcurrency,
  retry: deliveryRetry,
});
