import { attachmentObjectKey, uploadObjectKey } from '../domain/attachments';
import {
  canonicalMessage,
  MAX_ATTACHMENTS_PER_MESSAGE,
  textProblem,
  type Attachment,
  type Message,
  type NewMessage,
} from '../domain/message';
import { isDirectMessageRoomId } from '@chat/runtime';
import { BlockedInDirectMessageError, InvalidAttachmentsError, invalidField } from '../domain/errors';
import { threadParentProblem } from '../domain/threads';
import { requireAllowance } from './limits';
import { mentionedMembers, requireMember } from './membership';
import { METRIC, type Metrics } from '@chat/runtime';
import type { AttachmentRecord, MessagingDependencies } from './ports';

export type SendMessageDependencies = Pick<
  MessagingDependencies,
  'clock' | 'ids' | 'memberships' | 'messages' | 'attachments' | 'objects' | 'limits' | 'blocks'
> & {
  /** Counts MessagesStored (none: not measured). */
  metrics?: Metrics;
};

/** A DM's members read to find the other one (two belong to it). */
const DM_MEMBERS_READ = 3;

/** In a DM, the other member must not have blocked the sender (a consistent read of rooms' blocks). */
async function requireNotBlocked(deps: SendMessageDependencies, input: SendMessageInput): Promise<void> {
  if (!isDirectMessageRoomId(input.roomId)) return;
  const { items } = await deps.memberships.membersPage(input.roomId, { limit: DM_MEMBERS_READ });
  const peers = items.filter((userId) => userId !== input.senderId);
  const blocked = await Promise.all(peers.map((peer) => deps.blocks.hasBlocked(peer, input.senderId)));
  if (blocked.includes(true)) throw new BlockedInDirectMessageError();
}

export interface SendMessageInput {
  roomId: string;
  /** Always the authenticated caller: never taken from the request body. */
  senderId: string;
  text: string;
  clientMessageId?: string;
  attachmentIds: readonly string[];
  /** A reply: the messageId of the top-level, not deleted message of this room it answers. */
  threadId?: string;
  correlationId: string;
}

export interface SendMessageResult {
  message: Message;
  /** False when this was a retry of a send already stored (same sender, room and clientMessageId). */
  created: boolean;
}

function checkInput(input: SendMessageInput): void {
  const problem = textProblem(input.text, input.attachmentIds.length);
  if (problem) throw invalidField('text', problem);
  if (input.attachmentIds.length > MAX_ATTACHMENTS_PER_MESSAGE) {
    throw invalidField('attachmentIds', `must have at most ${MAX_ATTACHMENTS_PER_MESSAGE} items`);
  }
  if (new Set(input.attachmentIds).size !== input.attachmentIds.length) {
    throw invalidField('attachmentIds', 'must not repeat an attachment');
  }
}

/**
 * The attachments of the new message, checked: each was announced in this room by this sender, is not
 * used by another message, and was uploaded with the announced size and type. Each upload is first copied to
 * the message's own key (which no URL can write) and the copy is what is checked, so the bytes the message
 * carries are the ones checked, whatever is uploaded afterwards. Every bad id is named.
 */
async function checkedAttachments(
  deps: SendMessageDependencies,
  input: SendMessageInput,
  messageId: string,
): Promise<Attachment[]> {
  if (input.attachmentIds.length === 0) return [];
  const records = await deps.attachments.getMany(input.attachmentIds);
  const problems = await Promise.all(
    input.attachmentIds.map(async (attachmentId) => {
      const record = records.get(attachmentId);
      return attachmentProblem(deps, input, messageId, record);
    }),
  );
  const details = problems.flatMap((message, index) =>
    message === undefined ? [] : [{ field: `attachmentIds.${index}`, message }],
  );
  if (details.length > 0) throw new InvalidAttachmentsError(details);
  return input.attachmentIds.map((attachmentId) => {
    const { fileName, contentType, size } = records.get(attachmentId) as AttachmentRecord;
    return { attachmentId, fileName, contentType, size };
  });
}

async function attachmentProblem(
  deps: SendMessageDependencies,
  input: SendMessageInput,
  messageId: string,
  record: AttachmentRecord | undefined,
): Promise<string | undefined> {
  if (!record || record.roomId !== input.roomId || record.uploaderId !== input.senderId) {
    return 'is not an attachment uploaded by you to this room';
  }
  if (record.messageId !== undefined) return 'is already attached to another message';
  const kept = attachmentObjectKey(record.roomId, record.attachmentId, messageId, record.fileName);
  const copied = await deps.objects.copy(
    uploadObjectKey(record.roomId, record.attachmentId, record.fileName),
    kept,
  );
  const stored = copied ? await deps.objects.describe(kept) : undefined;
  if (!stored) return 'has not been uploaded';
  if (stored.size !== record.size || (stored.contentType ?? '').toLowerCase() !== record.contentType) {
    return 'does not match the announced size and content type';
  }
  return undefined;
}

/** The sender of the thread's parent, once `threadId` is checked to name a top-level, not deleted message of the room. */
async function threadAuthorOf(
  deps: SendMessageDependencies,
  input: SendMessageInput,
): Promise<string | undefined> {
  if (input.threadId === undefined) return undefined;
  const parent = await deps.messages.get(input.roomId, input.threadId);
  const problem = threadParentProblem(parent);
  if (problem || !parent) throw invalidField('threadId', problem ?? 'is not a message of this room');
  return parent.senderId;
}

/** The message a retried send stored before (same sender, room and clientMessageId), for a member; or undefined. */
async function storedRetry(
  deps: SendMessageDependencies,
  input: SendMessageInput,
): Promise<SendMessageResult | undefined> {
  // Both reads at once; what a non-member's lookup found is never shown (requireMember's refusal wins).
  const [, existing] = await Promise.all([
    requireMember(deps.memberships, input.roomId, input.senderId),
    input.clientMessageId === undefined
      ? undefined
      : deps.messages.findByClientMessageId(input.roomId, input.senderId, input.clientMessageId),
  ]);
  return existing ? { message: canonicalMessage(existing), created: false } : undefined;
}

/**
 * Stores a message from a member of the room, with its mentions resolved to member userIds. A send with a
 * clientMessageId the sender already used in this room stores nothing and returns the stored message
 * (`created: false`); concurrent copies of the same send store one message between them.
 *
 * Order of the checks: the sender's send limit first, so that a flood costs one conditional write (none once
 * this sandbox has seen the window full) and no read; a refused send whose clientMessageId was already stored is
 * answered with the stored message all the same (200: a client retrying after a lost answer is never refused),
 * which costs a refused send with a clientMessageId the membership read and the lookup.
 * Then membership (404), a retry of a stored send (200; it took one send from the allowance when the limit was
 * not reached), a DM whose other member blocked the sender (403), then the work that costs (attachments copied,
 * mentions resolved, the write).
 */
export async function sendMessage(
  deps: SendMessageDependencies,
  input: SendMessageInput,
): Promise<SendMessageResult> {
  checkInput(input);
  // The allowance (a write) and the membership check with the lookup of a retried send (reads) do not depend on
  // each other: one round trip for both instead of one after the other. What the caller gets is as if the
  // allowance came first: refused → the stored message of a retry (the client lost the first answer) or a 404
  // for a non-member when it names a clientMessageId, else the refusal.
  const [allowance, retry] = await Promise.allSettled([
    requireAllowance(deps.limits, 'send', input.senderId),
    storedRetry(deps, input),
  ]);
  if (allowance.status === 'rejected') {
    if (input.clientMessageId !== undefined) {
      if (retry.status === 'rejected') throw retry.reason;
      if (retry.value) return retry.value;
    }
    throw allowance.reason;
  }
  if (retry.status === 'rejected') throw retry.reason;
  if (retry.value) return retry.value;
  await requireNotBlocked(deps, input);
  const messageId = deps.ids.messageId();
  const [attachments, mentions, threadAuthorId] = await Promise.all([
    checkedAttachments(deps, input, messageId),
    mentionedMembers(deps.memberships, input.roomId, input.text),
    threadAuthorOf(deps, input),
  ]);
  const message: NewMessage = {
    roomId: input.roomId,
    messageId,
    senderId: input.senderId,
    text: input.text,
    mentions,
    attachments,
    ...(input.clientMessageId === undefined ? {} : { clientMessageId: input.clientMessageId }),
    createdAt: deps.clock.now().toISOString(),
    ...(input.threadId === undefined ? {} : { threadId: input.threadId }),
  };
  const result = await deps.messages.create(message, {
    correlationId: input.correlationId,
    ...(threadAuthorId === undefined ? {} : { threadAuthorId }),
  });
  switch (result.outcome) {
    case 'created':
      deps.metrics?.count(METRIC.messagesStored);
      return { message: canonicalMessage(result.message), created: true };
    case 'duplicate':
      return { message: canonicalMessage(result.existing), created: false };
    case 'attachment-unavailable': {
      const index = input.attachmentIds.indexOf(result.attachmentId);
      throw new InvalidAttachmentsError([
        { field: `attachmentIds.${Math.max(index, 0)}`, message: 'is already attached to another message' },
      ]);
    }
  }
}
