import { notificationSchema } from '@chat/events';
import * as z from 'zod';
import type { InboxEntry } from '../use-cases/ports';

/**
 * The items of the inbox table: partition `userId`, sort key `sk` = `<createdAt>#<messageId>` (the message's
 * time, normalized to `toISOString`, so a user's items sort chronologically and one message has one key per
 * user), the Notification, the cause of the MessageSent for correlation, `expiresAt` (TTL), and `channels`
 * (`{email, push}`: the user's choices read when it was made, for its delivery; not part of the Notification).
 */

/** How long an inbox item is kept. */
export const INBOX_RETENTION_SECONDS = 90 * 24 * 3600;

export function inboxSortKey(createdAt: string, messageId: string): string {
  return `${new Date(createdAt).toISOString()}#${messageId}`;
}

const inboxItemSchema = notificationSchema.extend({
  userId: z.string().min(1),
  sk: z.string().min(1),
  causeEventId: z.string().min(1),
  correlationId: z.string().min(1),
  channels: z.object({ email: z.boolean(), push: z.boolean() }).optional(),
});

export function inboxItemOf(entry: InboxEntry): Record<string, unknown> {
  const { notification, cause } = entry;
  return {
    userId: entry.userId,
    sk: inboxSortKey(notification.createdAt, notification.messageId),
    ...notification,
    causeEventId: cause.eventId,
    correlationId: cause.correlationId,
    ...(entry.channels ? { channels: { email: entry.channels.email, push: entry.channels.push } } : {}),
    expiresAt: Math.floor(Date.parse(notification.createdAt) / 1000) + INBOX_RETENTION_SECONDS,
  };
}

/** Reads an inbox item (from a Query or a stream image) back; a malformed item fails loudly. */
export function inboxEntryOf(item: Record<string, unknown>): InboxEntry {
  const result = inboxItemSchema.safeParse(item);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || '(item)'}: ${i.message}`).join('; ');
    throw new Error(`malformed inbox item: ${issues}`);
  }
  const {
    userId,
    causeEventId,
    correlationId,
    notificationId,
    kind,
    roomId,
    messageId,
    fromUserId,
    preview,
    createdAt,
    channels,
  } = result.data;
  return {
    userId,
    notification: { notificationId, kind, roomId, messageId, fromUserId, preview, createdAt },
    cause: { eventId: causeEventId, correlationId },
    ...(channels ? { channels } : {}),
  };
}
