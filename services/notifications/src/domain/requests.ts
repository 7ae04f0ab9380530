import * as z from 'zod';
import { ID_PATTERN } from '@chat/runtime';
import { MAX_MUTED_ROOMS } from './preferences';

/** What clients may send to the notifications service (docs/service-structure.md: request schemas). */

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

/**
 * The body of `PUT /notifications/preferences`: the whole document (a PUT replaces it), no other field.
 * `mutedRoomIds`: at most 500 distinct room ids.
 */
export const preferencesBody = z.strictObject({
  email: z.boolean(),
  push: z.boolean(),
  mutedRoomIds: z
    .array(z.string().regex(ID_PATTERN, { message: 'Must be a room id' }))
    .max(MAX_MUTED_ROOMS, { message: `At most ${MAX_MUTED_ROOMS} rooms` })
    .refine((ids) => new Set(ids).size === ids.length, { message: 'Room ids must be unique' }),
});
