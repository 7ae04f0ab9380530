import {
  inboxEntryOf,
  inboxItemOf,
  inboxSortKey,
  INBOX_RETENTION_SECONDS,
} from '../../../src/adapters/inbox-item';
import { aNotification, bob, cause } from '../../support/builders';

describe('inbox items', () => {
  it('are keyed by user and <message time>#<messageId>, and read back as they were written', () => {
    const entry = { userId: bob, notification: aNotification(), cause };

    const item = inboxItemOf(entry);

    expect(item).toMatchObject({
      userId: bob,
      sk: `2025-01-15T10:10:00.000Z#${entry.notification.messageId}`,
    });
    expect(item.expiresAt).toBe(Date.parse('2025-01-15T10:10:00.000Z') / 1000 + INBOX_RETENTION_SECONDS);
    expect(inboxEntryOf(item)).toEqual(entry);
  });

  it('keep the channel choices for the delivery, outside the Notification', () => {
    const entry = {
      userId: bob,
      notification: aNotification(),
      cause,
      channels: { email: false, push: true },
    };

    const item = inboxItemOf(entry);

    expect(item.channels).toEqual({ email: false, push: true });
    expect(inboxEntryOf(item)).toEqual(entry);
  });

  it('sort chronologically whatever precision the message time was written with', () => {
    expect(inboxSortKey('2025-01-15T10:10:00Z', 'm1')).toBe('2025-01-15T10:10:00.000Z#m1');
    expect(inboxSortKey('2025-01-15T10:10:00Z', 'm1') < inboxSortKey('2025-01-15T10:10:00.5Z', 'm0')).toBe(
      true,
    );
  });

  it('fail loudly when malformed', () => {
    expect(() => inboxEntryOf({ userId: bob, sk: 'x' })).toThrow(/malformed inbox item/);
  });
});
