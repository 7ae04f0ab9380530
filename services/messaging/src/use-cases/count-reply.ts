import type { Message } from '../domain/message';
import { withReply } from '../domain/threads';
import type { MessagingDependencies } from './ports';

/** A round is lost only to another reply of the same thread counted in between: every round has a winner. */
const MAX_ROUNDS = 50;

/**
 * The thread projection: a stored reply is counted once in its parent's `thread` summary (reply count, latest
 * reply time, the first 10 repliers). Idempotent: the reply is marked counted in the same transaction, so a
 * retried stream record counts nothing twice. The summary takes no room version (API.md: eventually consistent).
 */
export async function countReply(
  deps: Pick<MessagingDependencies, 'messages'>,
  reply: Message,
): Promise<'counted' | 'already-counted' | 'no-parent'> {
  if (reply.threadId === undefined) return 'no-parent';
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    const parent = await deps.messages.get(reply.roomId, reply.threadId);
    if (!parent) return 'no-parent';
    const outcome = await deps.messages.countReply(parent, reply, withReply(parent.thread, reply));
    if (outcome !== 'stale') return outcome;
  }
  throw new Error(`reply ${reply.messageId} not counted after ${MAX_ROUNDS} rounds`);
}
