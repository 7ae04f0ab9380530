import { deliverNotification, type DeliverDependencies } from '../../../src/use-cases/deliver-notification';
import { aNotification, alice, bob, ROOM } from '../../support/builders';
import {
  FakeDevices,
  FakePreferences,
  FakeRooms,
  FakeUsers,
  FakeUserTopics,
  silentLogger,
} from '../../support/fakes';

async function setup() {
  const deps = {
    users: new FakeUsers(),
    devices: new FakeDevices(),
    topics: new FakeUserTopics(),
    preferences: new FakePreferences(),
    rooms: new FakeRooms(),
    logger: silentLogger,
  } satisfies DeliverDependencies;
  await deps.users.remember({ userId: alice, username: 'alice', email: 'alice@example.com' });
  await deps.users.remember({ userId: bob, username: 'bob', email: 'bob@example.com' });
  await deps.rooms.remember({ roomId: ROOM, name: 'general', kind: 'room' }, 1);
  return deps;
}

describe('deliverNotification', () => {
  it("publishes once to the user's topic, for e-mail and push by default, with who and where", async () => {
    const deps = await setup();

    const outcome = await deliverNotification(deps, bob, aNotification());

    expect(outcome).toEqual({ published: true, channels: ['email', 'push'] });
    expect(deps.topics.published).toHaveLength(1);
    expect(deps.topics.published[0]).toMatchObject({
      topicArn: deps.topics.topicArnOf(bob),
      channels: ['email', 'push'],
      content: { subject: '@alice mentioned you in #general' },
    });
  });

  it('provisions the topic with the e-mail subscription when none is known yet', async () => {
    const deps = await setup();

    await deliverNotification(deps, bob, aNotification());

    expect(deps.topics.subscriptionsOf(deps.topics.topicArnOf(bob))).toEqual([
      { protocol: 'email', endpoint: 'bob@example.com' },
    ]);
  });

  it('publishes on the channel choices kept on the inbox item without reading the preferences again', async () => {
    const deps = await setup();
    deps.preferences.set(bob, { push: false });

    const outcome = await deliverNotification(deps, bob, aNotification(), { email: false, push: true });

    expect(outcome).toEqual({ published: true, channels: ['push'] });
    expect(deps.preferences.reads).toBe(0);
  });

  it('publishes for push only when e-mail is off', async () => {
    const deps = await setup();
    deps.preferences.set(bob, { email: false });

    await deliverNotification(deps, bob, aNotification());

    expect(deps.topics.published[0]?.channels).toEqual(['push']);
  });

  it('publishes nothing when e-mail and push are both off', async () => {
    const deps = await setup();
    deps.preferences.set(bob, { email: false, push: false });

    const outcome = await deliverNotification(deps, bob, aNotification());

    expect(outcome).toEqual({ published: false, reason: 'no-channel' });
    expect(deps.topics.published).toEqual([]);
  });

  it('re-creates a topic that is gone, with its subscriptions, and publishes once', async () => {
    const deps = await setup();
    await deliverNotification(deps, bob, aNotification({ messageId: 'm1' }));
    deps.topics.forget(deps.topics.topicArnOf(bob));

    await deliverNotification(deps, bob, aNotification({ messageId: 'm2' }));

    expect(deps.topics.published.map((p) => p.notification.messageId)).toEqual(['m1', 'm2']);
    expect(deps.topics.subscriptionsOf(deps.topics.topicArnOf(bob))).toHaveLength(1);
  });

  it('fails when SNS fails, so the stream record is retried', async () => {
    const deps = await setup();
    deps.topics.failPublish = true;

    await expect(deliverNotification(deps, bob, aNotification())).rejects.toThrow('SNS unavailable');
  });
});
