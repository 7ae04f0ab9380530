import * as z from 'zod';
import { idSchema, notificationSchema } from '@chat/events';
import { preferencesBody } from './requests';

/** Response bodies of the notifications routes (docs/openapi.json is generated from these and requests.ts). */

/** `GET /notifications` → 200, newest first. */
export const notificationPageResponse = z.object({
  items: z.array(notificationSchema),
  nextCursor: z.string().nullable(),
});

/** `GET` and `PUT /notifications/preferences` → 200: the stored document. */
export const preferencesResponse = preferencesBody;

/** `POST /notifications/devices` → 201. */
export const deviceResponse = z.object({ deviceId: idSchema });
