import { frameRouteHandler } from '@chat/aws';
import { systemClock, ulidIds } from '@chat/runtime';
import {
  connectionStore,
  connectionTtlSeconds,
  deliveryDependencies,
  fanOutPageSize,
  membershipReader,
  messenger,
  refreshLedger,
  typingLimit,
} from '../adapters/environment';
import { keepAlive } from '../use-cases/connections';
import { sendTyping } from '../use-cases/send-typing';

/** Typing is a hint: in a huge room only the first members (by userId) get it. */
export const MAX_TYPING_RECIPIENTS = 2000;

/** Route `typing`: `{"action":"typing","roomId"}` → `typing` frames to the room's other members. */
export const handler = frameRouteHandler('typing', { messenger }, async ({ event, connectionId, logger }) => {
  const connections = connectionStore();
  const outcome = await sendTyping(
    {
      ...deliveryDependencies(logger),
      memberships: membershipReader(),
      limits: typingLimit(),
      ids: ulidIds,
      pageSize: fanOutPageSize(),
      maxRecipients: MAX_TYPING_RECIPIENTS,
      ownerOf: (id) => connections.ownerOf(id),
    },
    { connectionId, body: event.body },
  );
  if (outcome.kind === 'refused') {
    await messenger().send(connectionId, outcome.reply);
    logger.info('typing refused', { reply: outcome.reply });
    return;
  }
  if (outcome.kind === 'dropped') {
    logger.debug('typing dropped (interval)', { roomId: outcome.roomId, userId: outcome.userId });
    return;
  }
  logger.info('typing delivered', { roomId: outcome.roomId, userId: outcome.userId, ...outcome.report });
  await keepAlive(
    { connections, clock: systemClock, ttlSeconds: connectionTtlSeconds(), ledger: refreshLedger() },
    connectionId,
  );
});
