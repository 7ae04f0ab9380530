import { contractReader, eventConsumer, readMarkerMovedContract } from '@chat/events';
import { metrics, systemClock } from '@chat/runtime';
import {
  connectionDirectory,
  connectionStore,
  deliveryRetry,
  fanOutConcurrency,
  idempotencyGuard,
  membershipReader,
  messenger,
} from '../adapters/environment';
import { fanOutReadReceipt } from '../use-cases/fan-out-read-receipt';

/** ReadMarkerMoved (chat.messaging) → `read.updated` frames to the room's members, or to the reader's devices. */
export const handler = eventConsumer(
  {
    name: 'fanOutReadReceipt',
    guard: idempotencyGuard('realtime.fan-out-read-receipt', { repeatable: true }),
  },
  contractReader(readMarkerMovedContract, ({ data }) => ({
    roomId: data.roomId,
    userId: data.userId,
    messageId: data.messageId,
  })),
  ({ data, metadata }, logger) =>
    fanOutReadReceipt(
      {
        connections: connectionStore(),
        directory: connectionDirectory(),
        clock: systemClock,
        messenger: messenger(),
        memberships: membershipReader(),
        concurrency: fanOutConcurrency(),
        retry: deliveryRetry,
        logger,
        metrics,
      },
      data,
      metadata.eventId,
    ),
);
