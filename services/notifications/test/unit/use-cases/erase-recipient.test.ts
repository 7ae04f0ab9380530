import { eraseRecipient, type EraseRecipientDependencies } from '../../../src/use-cases/erase-recipient';
import type { RecipientData } from '../../../src/use-cases/ports';
import { FakeDevices, FakePushEndpoints, FakeUserTopics, FakeUsers } from '../../support/fakes';

const CAROL = 'user-carol';

async function setUp() {
  const users = new FakeUsers();
  const devices = new FakeDevices();
  const topics = new FakeUserTopics();
  const endpoints = new FakePushEndpoints();
  const kept = new Set(['inbox', 'preferences', 'presence']);
  const data: RecipientData = {
    dropInbox: async () => (kept.delete('inbox') ? 3 : 0),
    dropPreferences: async () => void kept.delete('preferences'),
    dropPresence: async () => void kept.delete('presence'),
    dropUser: async (userId) => void users.users.delete(userId),
  };
  const topicArn = await topics.ensureTopic(CAROL);
  await users.remember({ userId: CAROL, username: 'carol', email: 'carol@example.com' });
  await users.setTopic(CAROL, topicArn);
  await topics.subscribe(topicArn, { protocol: 'email', endpoint: 'carol@example.com' });
  const endpointArn = await endpoints.createEndpoint('fcm', 'token-1');
  const subscriptionArn = await topics.subscribe(topicArn, {
    protocol: 'application',
    endpoint: endpointArn,
  });
  await devices.put({
    deviceId: 'd1',
    userId: CAROL,
    platform: 'fcm',
    endpointArn,
    subscriptionArn,
    registeredAt: '2025-01-01T00:00:00.000Z',
  });
  const deleted: string[] = [];
  const deps: EraseRecipientDependencies = {
    users,
    devices,
    topics,
    endpoints,
    data,
    sns: {
      deleteTopic: async (arn) => {
        deleted.push(arn);
        topics.forget(arn);
      },
    },
  };
  return { deps, users, devices, topics, endpoints, kept, topicArn, deleted };
}

describe('eraseRecipient', () => {
  it('deletes devices (subscription, endpoint, record), the topic, the inbox, preferences and projections', async () => {
    const { deps, users, devices, topics, endpoints, kept, topicArn, deleted } = await setUp();

    const report = await eraseRecipient(deps, CAROL);

    expect(report).toEqual({ devices: 1, inboxItems: 3, topic: true });
    expect(devices.devices.size).toBe(0);
    expect(endpoints.endpoints.size).toBe(0);
    expect(deleted).toEqual([topicArn]);
    expect(topics.subscriptionsOf(topicArn)).toEqual([]);
    expect(kept.size).toBe(0);
    expect(users.users.has(CAROL)).toBe(false);
  });

  it('finishes the job when run again after a failure part-way, then has nothing left to do', async () => {
    const { deps, users, devices, deleted } = await setUp();
    const deleteTopic = deps.sns.deleteTopic;
    deps.sns.deleteTopic = async () => {
      throw new Error('SNS unavailable');
    };

    await expect(eraseRecipient(deps, CAROL)).rejects.toThrow('SNS unavailable');
    expect(users.users.has(CAROL)).toBe(true); // still names the topic for the next run
    deps.sns.deleteTopic = deleteTopic;
    await eraseRecipient(deps, CAROL);
    const third = await eraseRecipient(deps, CAROL);

    expect(devices.devices.size).toBe(0);
    expect(deleted).toHaveLength(1);
    expect(third).toEqual({ devices: 0, inboxItems: 0, topic: false });
  });
});
