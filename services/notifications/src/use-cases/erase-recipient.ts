import type {
  DeviceRegistry,
  PushEndpoints,
  RecipientData,
  SnsRemovals,
  UserDirectory,
  UserTopics,
} from './ports';

export interface EraseRecipientDependencies {
  users: UserDirectory;
  devices: DeviceRegistry;
  topics: Pick<UserTopics, 'unsubscribe'>;
  sns: SnsRemovals;
  endpoints: PushEndpoints;
  data: RecipientData;
}

export interface RecipientErasure {
  devices: number;
  inboxItems: number;
  topic: boolean;
}

/**
 * notifications' step of the UserDeleted saga: every device goes (its topic subscription, its SNS platform endpoint,
 * its record), then the user's topic (with its e-mail subscription), the inbox, the preferences, the presence
 * projection and, last, the users projection that names the topic. Each step is idempotent, and what tells a
 * re-run what is left (the device records, the users projection) goes last, so a run cut short is finished by the
 * next one.
 */
export async function eraseRecipient(
  deps: EraseRecipientDependencies,
  userId: string,
): Promise<RecipientErasure> {
  const [user, devices] = await Promise.all([deps.users.get(userId), deps.devices.listByUser(userId)]);
  for (const device of devices) {
    if (device.subscriptionArn) await deps.topics.unsubscribe(device.subscriptionArn);
    await deps.endpoints.deleteEndpoint(device.endpointArn);
    await deps.devices.delete(device.deviceId, userId);
  }
  if (user?.topicArn) await deps.sns.deleteTopic(user.topicArn);
  const inboxItems = await deps.data.dropInbox(userId);
  await deps.data.dropPreferences(userId);
  await deps.data.dropPresence(userId);
  await deps.data.dropUser(userId);
  return { devices: devices.length, inboxItems, topic: user?.topicArn !== undefined };
}
