import { monotonicFactory, ulid } from 'ulid';
import type { Clock, IdGenerator } from '../use-cases/ports';

export const systemClock: Clock = { now: () => new Date() };

const monotonic = monotonicFactory();

/**
 * Message ids are monotonic ULIDs: strictly increasing within this process even within one millisecond, so
 * a room's messages sort in the order they were sent here. Attachment ids are plain ULIDs.
 */
export const ulidIds: IdGenerator = {
  messageId: () => monotonic(),
  attachmentId: () => ulid(),
};
