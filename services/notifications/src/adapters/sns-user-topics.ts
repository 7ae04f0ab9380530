import { createHash } from 'node:crypto';
import {
  CreateTopicCommand,
  DeleteTopicCommand,
  NotFoundException,
  PublishCommand,
  SubscribeCommand,
  UnsubscribeCommand,
  type SNSClient,
} from '@aws-sdk/client-sns';
import type { DeliveryContent } from '../domain/delivery-content';
import type { Notification } from '../domain/notification';
import type { Channel } from '../domain/preferences';
import type { SnsRemovals, SubscriptionTarget, UserTopics } from '../use-cases/ports';

/** The message attribute (String.Array) naming the channels a publish is for; subscriptions filter on it. */
export const CHANNEL_ATTRIBUTE = 'channel';

const channelOf = (target: SubscriptionTarget): Channel => (target.protocol === 'email' ? 'email' : 'push');

/** `<prefix><userId>`: a Cognito sub is a valid topic name part; anything else is replaced by its hash. */
export function userTopicName(prefix: string, userId: string): string {
  const part = /^[A-Za-z0-9_-]{1,128}$/.test(userId)
    ? userId
    : createHash('sha256').update(userId, 'utf8').digest('hex').slice(0, 40);
  return `${prefix}${part}`;
}

/**
 * The `MessageStructure: 'json'` message: the e-mail text for e-mail (and as the default), an APNs payload and
 * an FCM payload for push endpoints, each with the ids a client needs to open the message.
 */
export function snsMessageOf(content: DeliveryContent, notification: Notification): string {
  const ids = {
    notificationId: notification.notificationId,
    kind: notification.kind,
    roomId: notification.roomId,
    messageId: notification.messageId,
  };
  const apns = JSON.stringify({
    aps: {
      alert: { title: content.pushTitle, body: content.pushBody },
      sound: 'default',
      'thread-id': ids.roomId,
    },
    ...ids,
  });
  const fcm = JSON.stringify({
    notification: { title: content.pushTitle, body: content.pushBody },
    data: ids,
  });
  return JSON.stringify({
    default: content.emailText,
    email: content.emailText,
    APNS: apns,
    APNS_SANDBOX: apns,
    GCM: fcm,
  });
}

const isNotFound = (error: unknown) =>
  error instanceof NotFoundException || (error instanceof Error && error.name === 'NotFoundException');

/** One SNS topic per user (`<prefix><userId>`), its subscriptions filtered on the `channel` attribute. */
export function snsUserTopics(client: SNSClient, topicPrefix: string): UserTopics {
  return {
    async ensureTopic(userId) {
      const { TopicArn } = await client.send(
        new CreateTopicCommand({ Name: userTopicName(topicPrefix, userId) }),
      );
      if (!TopicArn) throw new Error('CreateTopic answered without a TopicArn');
      return TopicArn;
    },

    async subscribe(topicArn, target) {
      const { SubscriptionArn } = await client.send(
        new SubscribeCommand({
          TopicArn: topicArn,
          Protocol: target.protocol,
          Endpoint: target.endpoint,
          Attributes: { FilterPolicy: JSON.stringify({ [CHANNEL_ATTRIBUTE]: [channelOf(target)] }) },
          ReturnSubscriptionArn: true,
        }),
      );
      if (!SubscriptionArn) throw new Error('Subscribe answered without a SubscriptionArn');
      return SubscriptionArn;
    },

    async unsubscribe(subscriptionArn) {
      try {
        await client.send(new UnsubscribeCommand({ SubscriptionArn: subscriptionArn }));
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    },

    async publish(topicArn, content, channels, notification) {
      try {
        await client.send(
          new PublishCommand({
            TopicArn: topicArn,
            Subject: content.subject,
            MessageStructure: 'json',
            Message: snsMessageOf(content, notification),
            MessageAttributes: {
              [CHANNEL_ATTRIBUTE]: { DataType: 'String.Array', StringValue: JSON.stringify(channels) },
            },
          }),
        );
        return true;
      } catch (error) {
        if (isNotFound(error)) return false;
        throw error;
      }
    },
  };
}

/** Deleting a closed account's topic (SNS deletes its subscriptions with it); a topic already gone is fine. */
export function snsRemovals(client: SNSClient): SnsRemovals {
  return {
    async deleteTopic(topicArn) {
      try {
        await client.send(new DeleteTopicCommand({ TopicArn: topicArn }));
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    },
  };
}
