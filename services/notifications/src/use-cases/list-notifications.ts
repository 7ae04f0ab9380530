import { decodeInboxCursor, encodeInboxCursor } from '../domain/cursor';
import type { Notification } from '../domain/notification';
import type { Inbox } from './ports';

export interface NotificationsPage {
  items: Notification[];
  nextCursor: string | null;
}

/** `GET /notifications`: the caller's own notifications, newest first, `limit` per page, opaque cursor. */
export async function listNotifications(
  deps: { inbox: Inbox },
  userId: string,
  request: { limit: number; cursor?: string },
): Promise<NotificationsPage> {
  const afterKey = request.cursor === undefined ? undefined : decodeInboxCursor(request.cursor);
  const page = await deps.inbox.page(userId, request.limit, afterKey);
  return {
    items: page.items,
    nextCursor: page.next === undefined ? null : encodeInboxCursor(page.next),
  };
}
