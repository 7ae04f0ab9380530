import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { processInOrder } from '@chat/aws';
import { COMMON_ENV, createLogger, optionalEnv } from '@chat/runtime';
import { messagingDependencies } from '../adapters/environment';
import { messageOfItem } from '../adapters/message-item';
import { countReply } from '../use-cases/count-reply';

const logger = createLogger({ service: optionalEnv(COMMON_ENV.serviceName), function: 'projectMessages' });

/**
 * The messages table's own projections, from its stream (record by record, in order per message): a new reply
 * is counted in its parent's thread summary.
 */
export const handler = (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> =>
  processInOrder(
    event.Records,
    async (record, newItem) => {
      const after = newItem && messageOfItem(newItem);
      if (record.eventName === 'INSERT' && after?.threadId !== undefined) {
        const outcome = await countReply(messagingDependencies, after);
        logger.info('reply projected', { roomId: after.roomId, messageId: after.messageId, outcome });
      }
    },
    logger,
  );
