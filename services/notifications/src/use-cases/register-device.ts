import { deviceIdOf, MAX_DEVICES_PER_USER } from '../domain/device';
import type { RegisterDeviceRequest } from '../domain/requests';
import type { Clock, PushEndpoints } from './ports';
import { provisionUserTopic, type ProvisionDependencies } from './provision-user-topic';

export interface RegisterDeviceDependencies extends ProvisionDependencies {
  push: PushEndpoints;
  clock: Clock;
}

/**
 * `POST /notifications/devices`: an SNS platform endpoint for the token on the stage's platform application,
 * subscribed to the caller's topic (push channel). The same token again is the same device. A token that
 * belonged to another user moves to the caller (its old subscription is removed); beyond 10 devices, the least
 * recently registered is forgotten.
 */
export async function registerDevice(
  deps: RegisterDeviceDependencies,
  userId: string,
  request: RegisterDeviceRequest,
): Promise<{ deviceId: string }> {
  const deviceId = deviceIdOf(request.platform, request.token);
  const endpointArn = await deps.push.createEndpoint(request.platform, request.token);
  const previous = await deps.devices.put({
    deviceId,
    userId,
    platform: request.platform,
    endpointArn,
    registeredAt: deps.clock.now().toISOString(),
  });
  if (previous && previous.userId !== userId && previous.subscriptionArn) {
    await deps.topics.unsubscribe(previous.subscriptionArn);
    deps.logger.info('device moved to another user', { deviceId, userId });
  }
  await forgetOldestBeyondLimit(deps, userId);
  await provisionUserTopic(deps, userId);
  return { deviceId };
}

async function forgetOldestBeyondLimit(deps: RegisterDeviceDependencies, userId: string): Promise<void> {
  const devices = await deps.devices.listByUser(userId);
  const excess = devices.slice(0, Math.max(0, devices.length - MAX_DEVICES_PER_USER));
  for (const device of excess) {
    await deps.devices.delete(device.deviceId, userId);
    if (device.subscriptionArn) await deps.topics.unsubscribe(device.subscriptionArn);
    await deps.push.deleteEndpoint(device.endpointArn);
    deps.logger.info('oldest device forgotten', { deviceId: device.deviceId, userId });
  }
}
