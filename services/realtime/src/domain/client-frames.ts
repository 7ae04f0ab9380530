import { z } from 'zod';

/** API Gateway's frame size (32 KB): a larger client frame is refused with PAYLOAD_TOO_LARGE. */
export const MAX_CLIENT_FRAME_BYTES = 32 * 1024;

export function isOversized(body: string | undefined): boolean {
  return body !== undefined && Buffer.byteLength(body, 'utf8') > MAX_CLIENT_FRAME_BYTES;
}

/** `{"action":"typing","roomId"}`. */
export const typingFrameSchema = z.object({
  action: z.literal('typing'),
  roomId: z.string().min(1).max(256),
});
export type TypingFrame = z.infer<typeof typingFrameSchema>;
