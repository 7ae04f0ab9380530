import { attachmentObjectKey } from '../domain/attachments';
import { isDeleted } from '../domain/message';
import { mayDelete } from '../domain/permissions';
import { DeleteNotAllowedError, MessageNotFoundError } from '../domain/errors';
import { requireMember } from './membership';
import type { MessagingDependencies } from './ports';

export interface DeleteMessageInput {
  roomId: string;
  messageId: string;
  userId: string;
  correlationId: string;
}

/**
 * The sender, or a room owner or admin, deletes a message: it stays as a tombstone (deletedAt set, text,
 * mentions and attachments removed). Deleting a tombstone again changes nothing. The attachments' objects and
 * records are then removed; a failure there is logged, not reported (the message is deleted either way).
 */
export async function deleteMessage(
  deps: Pick<
    MessagingDependencies,
    'clock' | 'memberships' | 'messages' | 'attachments' | 'objects' | 'logger'
  >,
  input: DeleteMessageInput,
): Promise<void> {
  const membership = await requireMember(deps.memberships, input.roomId, input.userId);
  const message = await deps.messages.get(input.roomId, input.messageId);
  if (!message) throw new MessageNotFoundError();
  if (!mayDelete(input.userId, membership.role, message.senderId)) throw new DeleteNotAllowedError();
  if (isDeleted(message)) return;

  const changed = await deps.messages.tombstone(
    { roomId: input.roomId, messageId: input.messageId },
    { deletedAt: deps.clock.now().toISOString(), correlationId: input.correlationId },
  );
  if (!changed || message.attachments.length === 0) return;
  const keys = message.attachments.map((a) =>
    attachmentObjectKey(input.roomId, a.attachmentId, message.messageId, a.fileName),
  );
  try {
    await deps.objects.remove(keys);
    await deps.attachments.remove(message.attachments.map((a) => a.attachmentId));
  } catch (error) {
    deps.logger.warn('attachments of a deleted message not removed', {
      roomId: input.roomId,
      messageId: input.messageId,
      error,
    });
  }
}
