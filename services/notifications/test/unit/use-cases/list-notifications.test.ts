import { ValidationError } from '@chat/runtime';
import { notificationOf } from '../../../src/domain/notification';
import { listNotifications } from '../../../src/use-cases/list-notifications';
import { aMessage, bob, carol, cause } from '../../support/builders';
import { FakeInbox } from '../../support/fakes';

async function inboxWith(count: number, userId = bob): Promise<FakeInbox> {
  const inbox = new FakeInbox();
  for (let i = 0; i < count; i += 1) {
    const message = aMessage({
      messageId: `m${String(i).padStart(3, '0')}`,
      createdAt: new Date(Date.UTC(2025, 0, 15, 10, i)).toISOString(),
    });
    await inbox.add({ userId, notification: notificationOf(userId, 'mention', message), cause });
  }
  return inbox;
}

describe('listNotifications', () => {
  it('lists newest first and pages with an opaque cursor until the end', async () => {
    const inbox = await inboxWith(5);

    const first = await listNotifications({ inbox }, bob, { limit: 2 });
    const second = await listNotifications({ inbox }, bob, { limit: 2, cursor: first.nextCursor ?? '' });
    const third = await listNotifications({ inbox }, bob, { limit: 2, cursor: second.nextCursor ?? '' });

    expect([...first.items, ...second.items, ...third.items].map((n) => n.messageId)).toEqual([
      'm004',
      'm003',
      'm002',
      'm001',
      'm000',
    ]);
    expect(third.nextCursor).toBeNull();
  });

  it('shows a user only their own notifications', async () => {
    const inbox = await inboxWith(2, bob);

    expect((await listNotifications({ inbox }, carol, { limit: 20 })).items).toEqual([]);
  });

  it('refuses a malformed cursor', async () => {
    const inbox = await inboxWith(1);

    await expect(listNotifications({ inbox }, bob, { limit: 20, cursor: '%%%' })).rejects.toThrow(
      ValidationError,
    );
  });
});
