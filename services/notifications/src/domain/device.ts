import { createHash } from 'node:crypto';

export type PushPlatform = 'apns' | 'fcm';

/** Most devices one user keeps registered; registering one more forgets the least recently registered. */
export const MAX_DEVICES_PER_USER = 10;

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
