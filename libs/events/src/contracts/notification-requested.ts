import { defineContract, type EventData } from './contract';
import { exampleIds } from './example-ids';
import { idSchema, notificationSchema } from './shared';

export const notificationRequestedContract = defineContract({
  detailType: 'NotificationRequested',
  source: 'chat.notifications',
  version: 1,
  description:
    'A user is to be notified of a mention (or a DM while offline); realtime pushes it to their sockets.',
  /** A Notification plus the user to notify. */
  schema: notificationSchema.extend({ userId: idSchema }),
  examples: [
    {
      userId: exampleIds.bob,
      notificationId: exampleIds.notification,
      kind: 'mention',
      roomId: exampleIds.generalRoom,
      messageId: exampleIds.firstMessage,
      fromUserId: exampleIds.alice,
      preview: 'Hello @bob, the build is green',
      createdAt: '2025-01-15T10:10:01.000Z',
    },
  ],
});
export const notificationRequestedSchema = notificationRequestedContract.schema;
export type NotificationRequested = EventData<typeof notificationRequestedContract>;
