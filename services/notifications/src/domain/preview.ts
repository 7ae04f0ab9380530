import type { Message } from '@chat/events';

/** Longest preview of a message text, in characters (Unicode code points). */
export const MAX_PREVIEW_LENGTH = 140;

/**
 * What a notification shows of a message: its text with runs of white space collapsed, cut to at most
 * 140 characters (the last one an ellipsis when cut), never splitting a surrogate pair. A message with only
 * attachments shows their names. Never more than this leaves the service: e-mail and push carry the preview,
 * not the text.
 */
export function previewOf(message: Pick<Message, 'text' | 'attachments'>): string {
  const text = message.text.replace(/\s+/g, ' ').trim();
  const shown =
    text !== ''
      ? text
      : message.attachments.length > 0
        ? `[${message.attachments.map((a) => a.fileName).join(', ')}]`
        : '';
  const characters = [...shown];
  if (characters.length <= MAX_PREVIEW_LENGTH) return shown;
  return `${characters
    .slice(0, MAX_PREVIEW_LENGTH - 1)
    .join('')
    .trimEnd()}…`;
}
