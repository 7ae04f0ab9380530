import { fieldIssuesOf } from '@chat/http';
import { deviceIdOf } from '../../../src/domain/device';
import { registerDeviceBody } from '../../../src/domain/requests';

const issuesOf = (body: unknown) => {
  const result = registerDeviceBody.safeParse(body);
  return result.success ? [] : fieldIssuesOf(result.error);
};

const apnsToken = 'a1'.repeat(32);
const fcmToken = 'dQw4w9WgXcQ:APA91bH-abc_DEF123456789';

describe('registerDeviceBody', () => {
  it('accepts an APNs token of 64 hexadecimal digits and an FCM registration token', () => {
    expect(issuesOf({ platform: 'apns', token: apnsToken })).toEqual([]);
    expect(issuesOf({ platform: 'fcm', token: fcmToken })).toEqual([]);
  });

  it('refuses an unknown platform', () => {
    expect(issuesOf({ platform: 'wns', token: fcmToken }).map((i) => i.field)).toEqual(['platform']);
  });

  it('refuses an APNs token that is not hexadecimal or too short', () => {
    expect(issuesOf({ platform: 'apns', token: 'z'.repeat(64) }).map((i) => i.field)).toEqual(['token']);
    expect(issuesOf({ platform: 'apns', token: 'ab'.repeat(10) }).map((i) => i.field)).toEqual(['token']);
  });

  it('refuses an FCM token with characters it never has, or too long', () => {
    expect(issuesOf({ platform: 'fcm', token: 'has spaces in it, twenty+' }).map((i) => i.field)).toEqual([
      'token',
    ]);
    expect(issuesOf({ platform: 'fcm', token: 'a'.repeat(4097) }).map((i) => i.field)).toEqual(['token']);
  });

  it('refuses unknown fields', () => {
    expect(issuesOf({ platform: 'fcm', token: fcmToken, userId: 'someone-else' })).toEqual([
      { field: 'userId', message: 'Unknown field' },
    ]);
  });
});

describe('deviceIdOf', () => {
  it('gives the same token on the same platform the same id, and others different ones', () => {
    expect(deviceIdOf('fcm', fcmToken)).toBe(deviceIdOf('fcm', fcmToken));
    expect(deviceIdOf('fcm', fcmToken)).not.toBe(deviceIdOf('fcm', `${fcmToken}x`));
    expect(deviceIdOf('apns', apnsToken)).toMatch(/^dev_[0-9a-f]{32}$/);
  });
});
