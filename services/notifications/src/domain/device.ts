import { createHash } from 'node:crypto';
import { z } from 'zod';

export type PushPlatform = 'apns' | 'fcm';

/** Most devices one user keeps registered; registering one more forgets the least recently registered. */
export const MAX_DEVICES_PER_USER = 10;

/**
 * Device tokens as the platforms issue them: APNs, 64 to 200 hexadecimal digits (32 bytes today, possibly
 * longer later); FCM, 20 to 4096 characters of `A-Z a-z 0-9 _ - :`.
 */
const APNS_TOKEN = /^(?:[0-9a-fA-F]{2}){32,100}$/;
const FCM_TOKEN = /^[A-Za-z0-9_:-]{20,4096}$/;

/** The body of `POST /notifications/devices`. */
export const registerDeviceBody = z
  .strictObject({
    platform: z.enum(['apns', 'fcm']),
    token: z.string(),
  })
  .superRefine((body, context) => {
    const valid = body.platform === 'apns' ? APNS_TOKEN.test(body.token) : FCM_TOKEN.test(body.token);
    if (!valid) {
      context.addIssue({
        code: 'custom',
        path: ['token'],
        message:
          body.platform === 'apns'
            ? 'Must be an APNs device token: 64 to 200 hexadecimal digits'
            : 'Must be an FCM registration token: 20 to 4096 characters of A-Z a-z 0-9 _ - :',
      });
    }
  });

export type RegisterDeviceRequest = z.infer<typeof registerDeviceBody>;

/** The id of a device: derived from platform and token, so registering the same token again is the same device. */
export function deviceIdOf(platform: PushPlatform, token: string): string {
  const digest = createHash('sha256').update(`${platform}\n${token}`, 'utf8').digest('hex');
  return `dev_${digest.slice(0, 32)}`;
}

/** A registered device: its SNS platform endpoint, subscribed to its owner's topic. */
export interface Device {
  deviceId: string;
  userId: string;
  platform: PushPlatform;
  endpointArn: string;
  /** The subscription of the endpoint to its owner's topic. */
  subscriptionArn?: string;
  registeredAt: string;
}
