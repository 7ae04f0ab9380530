import { z } from 'zod';

/** `{"action":"typing","roomId"}`. */
export const typingFrameSchema = z.object({
  action: z.literal('typing'),
  roomId: z.string().min(1).max(256),
});
