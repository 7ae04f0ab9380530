/** Largest attachment: 25 MiB (API.md). */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;
/** How long a presigned upload URL is valid. */
export const UPLOAD_URL_TTL_SECONDS = 10 * 60;
/** How long a presigned download URL is valid. */
export const DOWNLOAD_URL_TTL_SECONDS = 5 * 60;
/** Longest file name accepted in a request; the stored object name is shortened further. */
export const MAX_FILE_NAME_LENGTH = 255;
/** Longest content type accepted in a request (a media type's two parts are at most 127 characters each). */
export const MAX_CONTENT_TYPE_LENGTH = 255;

const SAFE_NAME_LENGTH = 100;
const MEDIA_TYPE = /^([a-z0-9][a-z0-9!#$&^_.+-]{0,126})\/([a-z0-9][a-z0-9!#$&^_.+-]{0,126})$/;

/**
 * The content type as it will be signed and stored (lower-cased, trimmed), or undefined when it is not one of
 * image/*, application/pdf, text/plain. Parameters (`; charset=…`) are not accepted.
 */
export function allowedContentType(contentType: string): string | undefined {
  const normalized = contentType.trim().toLowerCase();
  const match = MEDIA_TYPE.exec(normalized);
  if (!match) return undefined;
  const [, type, subtype] = match;
  if (type === 'image') return normalized;
  if (type === 'application' && subtype === 'pdf') return normalized;
  if (type === 'text' && subtype === 'plain') return normalized;
  return undefined;
}

/**
 * A file name safe in an object key and a Content-Disposition header: letters, digits, `.`, `_` and `-` only
 * (anything else becomes `_`), no leading dots, at most 100 characters keeping the extension, `file` if
 * nothing is left.
 */
export function sanitizeFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  let safe = base
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^[._]+/, '');
  if (safe.length > SAFE_NAME_LENGTH) {
    const dot = safe.lastIndexOf('.');
    const extension = dot > 0 && safe.length - dot <= 16 ? safe.slice(dot) : '';
    safe = safe.slice(0, SAFE_NAME_LENGTH - extension.length) + extension;
  }
  return safe === '' ? 'file' : safe;
}

/**
 * The S3 key an attachment is uploaded to (the presigned PUT's key): under `uploads/`, which the upload URLs may
 * write and nothing reads once a message carries the attachment.
 */
export function uploadObjectKey(roomId: string, attachmentId: string, fileName: string): string {
  return `uploads/${attachmentPath(roomId, attachmentId)}/${sanitizeFileName(fileName)}`;
}

/**
 * The S3 key of an attachment a message carries: the upload copied, when the message is sent, under `rooms/`,
 * which no presigned URL can write (the upload URLs are signed by a role that may only put `uploads/`), so the
 * bytes a message carries never change. Each send attempt copies to its own key (its messageId): an attempt
 * that loses the claim cannot overwrite the winner's copy.
 */
export function attachmentObjectKey(
  roomId: string,
  attachmentId: string,
  messageId: string,
  fileName: string,
): string {
  return `${attachmentPath(roomId, attachmentId)}/${encodeURIComponent(messageId)}/${sanitizeFileName(fileName)}`;
}

function attachmentPath(roomId: string, attachmentId: string): string {
  return `rooms/${encodeURIComponent(roomId)}/${encodeURIComponent(attachmentId)}`;
}
