import { authenticator } from '@chat/auth-verifier';
import { created, httpHandler } from '@chat/http';
import { provisionDependencies, pushEndpoints, systemClock } from '../adapters/environment';
import { registerDeviceBody } from '../domain/requests';
import { registerDevice } from '../use-cases/register-device';

/** POST /notifications/devices `{platform: "apns"|"fcm", token}` → 201 `{deviceId}` (an SNS platform endpoint). */
export const handler = httpHandler(
  { name: 'registerDevice', auth: authenticator, body: registerDeviceBody },
  async ({ body, principal, logger }) => {
    const deps = { ...provisionDependencies(), push: pushEndpoints(), clock: systemClock };
    const device = await registerDevice(deps, principal.userId, body);
    logger.info('device registered', { deviceId: device.deviceId, platform: body.platform });
    return created(device);
  },
);
