import { canonicalMessage, isDeleted, textProblem, type Message } from '../domain/message';
import { mayEdit } from '../domain/permissions';
import { invalidField, MessageDeletedError, MessageNotFoundError, NotTheSenderError } from '../domain/errors';
import { mentionedMembers, requireMember } from './membership';
import type { MessagingDependencies } from './ports';

export interface EditMessageInput {
  roomId: string;
  messageId: string;
  userId: string;
  text: string;
  correlationId: string;
}

/**
 * The sender changes a message's text: mentions are resolved again and `editedAt` is set. 404 when the caller
 * is not a member or there is no such message, 403 for anyone but the sender, 409 for a deleted message.
 */
export async function editMessage(
  deps: Pick<MessagingDependencies, 'clock' | 'memberships' | 'messages'>,
  input: EditMessageInput,
): Promise<Message> {
  await requireMember(deps.memberships, input.roomId, input.userId);
  const current = await deps.messages.get(input.roomId, input.messageId);
  if (!current) throw new MessageNotFoundError();
  if (!mayEdit(input.userId, current.senderId)) throw new NotTheSenderError();
  if (isDeleted(current)) throw new MessageDeletedError();
  const problem = textProblem(input.text, current.attachments.length);
  if (problem) throw invalidField('text', problem);

  const mentions = await mentionedMembers(deps.memberships, input.roomId, input.text);
  const edited = await deps.messages.edit(
    current,
    { text: input.text, mentions, editedAt: deps.clock.now().toISOString() },
    { senderId: input.userId, correlationId: input.correlationId },
  );
  // The write is conditional: between the read and the write the message can only have been deleted.
  if (!edited) throw new MessageDeletedError();
  return canonicalMessage(edited);
}
