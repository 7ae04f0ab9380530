import { attachmentObjectKey } from '../domain/attachments';
import { MessageDeletedError, MessageNotFoundError } from '../domain/errors';
import { isDeleted } from '../domain/message';
import { storeReactionChange } from './change-reaction';
import type { MessageKey, MessagingDependencies, UserContentIndex } from './ports';

export interface EraseUserContentDependencies extends Pick<
  MessagingDependencies,
  'clock' | 'messages' | 'attachments' | 'objects'
> {
  content: UserContentIndex;
}

/** Index pages of this many items; each message costs a read, two deletes and one transaction. */
export const ERASURE_PAGE_SIZE = 25;

/**
 * The run stopped at its deadline with work left: thrown so the event is delivered again (the consumer's retries,
 * then its failure queue); the next run goes on where this one stopped, since what is done no longer shows in the
 * indexes.
 */
export class ErasureIncompleteError extends Error {
  constructor(what: string) {
    super(`erasure not finished before the deadline: ${what} left`);
    this.name = 'ErasureIncompleteError';
  }
}

export interface ErasureReport {
  messages: number;
  reactions: number;
  readMarkers: number;
}

/**
 * messaging's step of the UserDeleted saga (docs/decisions/007-account-closing.md): every message of the user
 * becomes a tombstone (text, mentions, attachments and reactions gone, `senderId` kept; each takes a room version
 * and publishes MessageDeleted, on which the search index drops it and clients are told), after its attachments'
 * objects and records are deleted; their reactions are removed (from the message's summary too); their read
 * markers are deleted. Idempotent and resumable: a message leaves the sender index when it becomes a tombstone, a
 * reaction when its record goes, so a run cut short (a fault, or `deadline`) is finished by the next one.
 */
export async function eraseUserContent(
  deps: EraseUserContentDependencies,
  input: { userId: string; correlationId: string; deadline: number },
): Promise<ErasureReport> {
  const report: ErasureReport = { messages: 0, reactions: 0, readMarkers: 0 };
  const beforeDeadline = (what: string) => {
    if (deps.clock.now().getTime() >= input.deadline) throw new ErasureIncompleteError(what);
  };

  let after: string | undefined;
  do {
    beforeDeadline('messages');
    const page = await deps.content.messagesOf(input.userId, ERASURE_PAGE_SIZE, after);
    for (const key of page.items) if (await tombstoneOwnMessage(deps, key, input)) report.messages += 1;
    after = page.next;
  } while (after !== undefined);

  after = undefined;
  do {
    beforeDeadline('reactions');
    const page = await deps.content.reactionsOf(input.userId, ERASURE_PAGE_SIZE, after);
    for (const record of page.items) {
      await removeReaction(deps, record, input);
      report.reactions += 1;
    }
    after = page.next;
  } while (after !== undefined);

  report.readMarkers = await deps.content.dropReadMarkers(input.userId);
  return report;
}

/** Attachments first (objects, then records), then the tombstone: a failure in between leaves it to the next run. */
async function tombstoneOwnMessage(
  deps: EraseUserContentDependencies,
  key: MessageKey,
  input: { userId: string; correlationId: string },
): Promise<boolean> {
  const message = await deps.messages.get(key.roomId, key.messageId);
  if (!message || isDeleted(message) || message.senderId !== input.userId) return false;
  if (message.attachments.length > 0) {
    await deps.objects.remove(
      message.attachments.map((a) =>
        attachmentObjectKey(key.roomId, a.attachmentId, key.messageId, a.fileName),
      ),
    );
    await deps.attachments.remove(message.attachments.map((a) => a.attachmentId));
  }
  return deps.messages.tombstone(key, {
    deletedAt: deps.clock.now().toISOString(),
    correlationId: input.correlationId,
  });
}

async function removeReaction(
  deps: EraseUserContentDependencies,
  record: MessageKey & { reaction: string },
  input: { userId: string; correlationId: string },
): Promise<void> {
  try {
    await storeReactionChange(deps, {
      roomId: record.roomId,
      messageId: record.messageId,
      userId: input.userId,
      reaction: record.reaction,
      change: 'removed',
      correlationId: input.correlationId,
    });
  } catch (error) {
    if (!(error instanceof MessageDeletedError || error instanceof MessageNotFoundError)) throw error;
  }
  // A tombstone's summary is empty already, but the user's record stays until deleted here.
  await deps.content.dropReaction(record, record.reaction, input.userId);
}
