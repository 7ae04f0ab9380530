import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { processInOrder } from '@chat/aws';
import { COMMON_ENV, createLogger, observedInvocation, optionalEnv } from '@chat/runtime';
import { messagingDependencies } from '../adapters/environment';
import { messageOfItem } from '../adapters/message-item';
import { countReply } from '../use-cases/count-reply';
import { indexMessage } from '../use-cases/index-message';

const logger = createLogger({ service: optionalEnv(COMMON_ENV.serviceName), function: 'projectMessages' });

/**
 * The messages table's own projections, from its stream (record by record, in order per message): the search
 * index follows each message's text (added, edited, deleted), and a new reply is counted in its parent's thread
 * summary. Both are idempotent, so a retried record does no harm.
 */
export const handler = observedInvocation(
  (event: DynamoDBStreamEvent, _context?: Context): Promise<DynamoDBBatchResponse> =>
    processInOrder(
      event.Records,
      async (record, newItem, oldItem) => {
        const after = newItem && messageOfItem(newItem);
        const before = oldItem && messageOfItem(oldItem);
        const terms = await indexMessage(messagingDependencies, before, after);
        if (terms.added + terms.removed > 0) {
          const { roomId, messageId } = (after ?? before) as { roomId: string; messageId: string };
          logger.info('message indexed', { roomId, messageId, ...terms });
        }
        if (record.eventName === 'INSERT' && after?.threadId !== undefined) {
          const outcome = await countReply(messagingDependencies, after);
          logger.info('reply projected', { roomId: after.roomId, messageId: after.messageId, outcome });
        }
      },
      logger,
    ),
);
