import { deviceIdOf } from '../../../src/domain/device';
import { registerDevice, type RegisterDeviceDependencies } from '../../../src/use-cases/register-device';
import { bob, carol } from '../../support/builders';
import {
  FakeClock,
  FakeDevices,
  FakePushEndpoints,
  FakeUsers,
  FakeUserTopics,
  silentLogger,
} from '../../support/fakes';

const token = (n: number) => `fcm-token-${String(n).padStart(4, '0')}-abcdefghijklmnop`;

function setup() {
  const deps = {
    users: new FakeUsers(),
    devices: new FakeDevices(),
    topics: new FakeUserTopics(),
    push: new FakePushEndpoints(),
    clock: new FakeClock(),
    logger: silentLogger,
  } satisfies RegisterDeviceDependencies;
  return deps;
}

describe('registerDevice', () => {
  it("creates a platform endpoint and subscribes it to the user's topic", async () => {
    const deps = setup();

    const { deviceId } = await registerDevice(deps, bob, { platform: 'fcm', token: token(1) });

    const device = deps.devices.devices.get(deviceId);
    expect(deviceId).toBe(deviceIdOf('fcm', token(1)));
    expect(device).toMatchObject({ userId: bob, platform: 'fcm', subscriptionArn: expect.any(String) });
    expect(deps.topics.subscriptionsOf(deps.topics.topicArnOf(bob))).toEqual([
      { protocol: 'application', endpoint: device?.endpointArn },
    ]);
    expect((await deps.users.get(bob))?.topicArn).toBe(deps.topics.topicArnOf(bob));
  });

  it('gives the same token the same device, once', async () => {
    const deps = setup();

    const first = await registerDevice(deps, bob, { platform: 'fcm', token: token(1) });
    const again = await registerDevice(deps, bob, { platform: 'fcm', token: token(1) });

    expect(again).toEqual(first);
    expect(deps.devices.devices.size).toBe(1);
    expect(deps.topics.subscriptionsOf(deps.topics.topicArnOf(bob))).toHaveLength(1);
  });

  it('moves a token registered by another user to the caller', async () => {
    const deps = setup();
    await registerDevice(deps, carol, { platform: 'fcm', token: token(1) });

    await registerDevice(deps, bob, { platform: 'fcm', token: token(1) });

    expect(deps.topics.subscriptionsOf(deps.topics.topicArnOf(carol))).toEqual([]);
    expect(deps.topics.subscriptionsOf(deps.topics.topicArnOf(bob))).toHaveLength(1);
    expect(await deps.devices.listByUser(carol)).toEqual([]);
  });

  it('keeps at most 10 devices, forgetting the least recently registered', async () => {
    const deps = setup();
    for (let i = 1; i <= 11; i += 1) {
      await registerDevice(deps, bob, { platform: 'fcm', token: token(i) });
      deps.clock.advance(1000);
    }

    const devices = await deps.devices.listByUser(bob);

    expect(devices).toHaveLength(10);
    expect(devices.map((d) => d.deviceId)).not.toContain(deviceIdOf('fcm', token(1)));
    expect(deps.topics.subscriptionsOf(deps.topics.topicArnOf(bob))).toHaveLength(10);
    expect(deps.push.endpoints.size).toBe(10);
  });

  it("subscribes the user's e-mail address too when it is known", async () => {
    const deps = setup();
    await deps.users.remember({ userId: bob, username: 'bob', email: 'bob@example.com' });

    await registerDevice(deps, bob, { platform: 'apns', token: 'ab'.repeat(32) });

    expect(deps.topics.subscriptionsOf(deps.topics.topicArnOf(bob))).toEqual(
      expect.arrayContaining([{ protocol: 'email', endpoint: 'bob@example.com' }]),
    );
  });
});
