import * as z from 'zod';
import { ID_PATTERN, ID_RULE } from '@chat/runtime';

/** `{"action":"typing","roomId"}`. */
export const typingFrameSchema = z.object({
  action: z.literal('typing'),
  roomId: z.string().regex(ID_PATTERN, { message: `Must be an id: ${ID_RULE}` }),
});
