import * as z from 'zod';
import { idSchema, isoTimeSchema, presenceStatusSchema } from '@chat/events';

/** Response bodies of the realtime routes (docs/openapi.json is generated from these and requests.ts). */

/** `GET /presence?userIds=` → 200; `lastSeenAt` is `null` for a user never seen online. */
export const userPresenceResponse = z.object({
  userId: idSchema,
  status: presenceStatusSchema,
  lastSeenAt: isoTimeSchema.nullable(),
});

export const presenceResponse = z.object({ items: z.array(userPresenceResponse) });
