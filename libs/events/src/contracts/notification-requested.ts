import { defineContract, type EventData } from './contract';
import { exampleIds } from './example-ids';
import { idSchema, notificationSchema, notificationV1Schema } from './shared';

const mentionExample = {
  userId: exampleIds.bob,
  notificationId: exampleIds.notification,
  kind: 'mention',
  roomId: exampleIds.generalRoom,
  messageId: exampleIds.firstMessage,
  fromUserId: exampleIds.alice,
  preview: 'Hello @bob, the build is green',
  createdAt: '2025-01-15T10:10:01.000Z',
} as const;

/**
 * Version 1: `kind` is `mention` or `dm`. Superseded by version 2 (which adds `reply`); the producer still
 * publishes it, beside version 2, for every mention and DM notification until no consumer subscribes to it.
 */
export const notificationRequestedV1Contract = defineContract({
  detailType: 'NotificationRequested',
  source: 'chat.notifications',
  version: 1,
  description:
    'A user is to be notified of a mention (or a DM while offline); realtime pushes it to their sockets.',
  /** A Notification plus the user to notify. */
  schema: notificationV1Schema.extend({ userId: idSchema }),
  examples: [mentionExample],
});

/** Version 2: `kind` may also be `reply` (a reply to the user's message). */
export const notificationRequestedContract = defineContract({
  detailType: 'NotificationRequested',
  source: 'chat.notifications',
  version: 2,
  description:
    'A user is to be notified of a mention, a DM while offline, or a reply to their message; realtime pushes it to their sockets. Version 2 adds the kind `reply`; every mention and DM is also published as version 1.',
  /** A Notification plus the user to notify. */
  schema: notificationSchema.extend({ userId: idSchema }),
  examples: [
    mentionExample,
    {
      userId: exampleIds.alice,
      notificationId: exampleIds.notification,
      kind: 'reply',
      roomId: exampleIds.generalRoom,
      messageId: exampleIds.secondMessage,
      fromUserId: exampleIds.bob,
      preview: 'Thanks, merging now',
      createdAt: '2025-01-15T10:11:00.000Z',
    },
  ],
});
export const notificationRequestedSchema = notificationRequestedContract.schema;
export type NotificationRequested = EventData<typeof notificationRequestedContract>;
export type NotificationRequestedV1 = EventData<typeof notificationRequestedV1Contract>;
