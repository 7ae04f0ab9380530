import { deliveryContentOf } from '../domain/delivery-content';
import type { Notification } from '../domain/notification';
import { channelsOf, DEFAULT_PREFERENCES, type Channel } from '../domain/preferences';
import type { ChannelChoices, PreferencesStore, RoomDirectory } from './ports';
import { provisionUserTopic, type ProvisionDependencies } from './provision-user-topic';

export interface DeliverDependencies extends ProvisionDependencies {
  preferences: PreferencesStore;
  rooms: RoomDirectory;
}

export type DeliveryOutcome =
  { published: true; channels: Channel[] } | { published: false; reason: 'no-channel' };

/**
 * One SNS publish to the user's topic for a new inbox item, on the channels the user's preferences allow
 * (`email` when on and the address is known, `push` when on): `choices`, the ones read when the item was made
 * (milliseconds ago), else read now; the topic's subscriptions are filtered by channel. With no channel, nothing
 * is published. A topic that is missing (never made, or gone) is provisioned and the publish repeated once.
 */
export async function deliverNotification(
  deps: DeliverDependencies,
  userId: string,
  notification: Notification,
  choices?: ChannelChoices,
): Promise<DeliveryOutcome> {
  const [preferences, user, sender, room] = await Promise.all([
    choices ?? deps.preferences.get(userId),
    deps.users.get(userId),
    deps.users.get(notification.fromUserId),
    deps.rooms.get(notification.roomId),
  ]);
  const channels = channelsOf(preferences ?? DEFAULT_PREFERENCES, Boolean(user?.email));
  if (channels.length === 0) return { published: false, reason: 'no-channel' };

  const content = deliveryContentOf(notification, {
    ...(sender?.username ? { senderUsername: sender.username } : {}),
    ...(room ? { room: { name: room.name, kind: room.kind } } : {}),
  });
  const knownTopic = user?.topicArn;
  if (knownTopic && (await deps.topics.publish(knownTopic, content, channels, notification))) {
    return { published: true, channels };
  }
  const topicArn = await provisionUserTopic(deps, userId);
  if (!(await deps.topics.publish(topicArn, content, channels, notification))) {
    throw new Error(`the topic of user ${userId} is missing right after it was provisioned`);
  }
  return { published: true, channels };
}
