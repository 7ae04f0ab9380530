import { canonicalMessage, type Attachment, type Message } from '../domain/message';

/** A messages-table item: the Message plus `correlationId` of the request that last changed it. */
export type MessageItem = Message & { correlationId?: string };

function text(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}

function optionalText(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function attachmentsOf(value: unknown): Attachment[] {
  if (!Array.isArray(value)) return [];
  return value.map((raw: Record<string, unknown>) => ({
    attachmentId: text(raw.attachmentId),
    fileName: text(raw.fileName),
    contentType: text(raw.contentType),
    size: Number(raw.size),
  }));
}

function positiveInteger(value: unknown): number | undefined {
  const number = typeof value === 'string' ? Number(value) : value;
  return typeof number === 'number' && Number.isSafeInteger(number) && number > 0 ? number : undefined;
}

/** The Message of a messages-table item (a stream image or a read), without storage-only attributes. */
export function messageOfItem(item: Record<string, unknown>): Message {
  const clientMessageId = optionalText(item.clientMessageId);
  const editedAt = optionalText(item.editedAt);
  const deletedAt = optionalText(item.deletedAt);
  // Messages stored before room versions have neither (docs/decisions/004-room-versions.md).
  const seq = positiveInteger(item.seq);
  const version = positiveInteger(item.version);
  return canonicalMessage({
    roomId: text(item.roomId),
    messageId: text(item.messageId),
    senderId: text(item.senderId),
    text: text(item.text),
    mentions: Array.isArray(item.mentions) ? item.mentions.map(String) : [],
    attachments: attachmentsOf(item.attachments),
    createdAt: text(item.createdAt),
    ...(clientMessageId === undefined ? {} : { clientMessageId }),
    ...(editedAt === undefined ? {} : { editedAt }),
    ...(deletedAt === undefined ? {} : { deletedAt }),
    ...(seq === undefined ? {} : { seq }),
    ...(version === undefined ? {} : { version }),
  });
}

/** The item stored for a new message. */
export function itemOfMessage(message: Message, correlationId: string): MessageItem {
  return { ...canonicalMessage(message), correlationId };
}
