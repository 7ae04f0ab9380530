import type { Logger } from '@chat/runtime';
import type { DeviceRegistry, UserDirectory, UserTopics } from './ports';

export interface ProvisionDependencies {
  users: UserDirectory;
  devices: DeviceRegistry;
  topics: UserTopics;
  logger: Logger;
}

/**
 * Makes the user's SNS topic match what the service knows: the topic exists, the user's e-mail address is
 * subscribed (filtered to the `email` channel) and every registered device's platform endpoint is subscribed
 * (filtered to `push`). Every step is idempotent (CreateTopic and Subscribe return what exists), so it is run
 * whenever that knowledge changes and whenever a publish finds the topic gone. Returns the topic's ARN.
 */
export async function provisionUserTopic(deps: ProvisionDependencies, userId: string): Promise<string> {
  const [user, devices] = await Promise.all([deps.users.get(userId), deps.devices.listByUser(userId)]);
  const topicArn = await deps.topics.ensureTopic(userId);
  if (user?.topicArn !== topicArn) await deps.users.setTopic(userId, topicArn);
  if (user?.email) await deps.topics.subscribe(topicArn, { protocol: 'email', endpoint: user.email });
  for (const device of devices) {
    const subscriptionArn = await deps.topics.subscribe(topicArn, {
      protocol: 'application',
      endpoint: device.endpointArn,
    });
    if (subscriptionArn !== device.subscriptionArn) {
      await deps.devices.setSubscription(device.deviceId, userId, subscriptionArn);
    }
  }
  deps.logger.info('user topic provisioned', {
    userId,
    email: Boolean(user?.email),
    devices: devices.length,
  });
  return topicArn;
}
