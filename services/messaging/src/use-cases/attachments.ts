import {
  allowedContentType,
  attachmentObjectKey,
  uploadObjectKey,
  DOWNLOAD_URL_TTL_SECONDS,
  MAX_ATTACHMENT_BYTES,
  UPLOAD_URL_TTL_SECONDS,
} from '../domain/attachments';
import { AttachmentNotFoundError, invalidField } from '../domain/errors';
import { requireAllowance } from './limits';
import { requireMember } from './membership';
import type { MessagingDependencies } from './ports';

export interface RequestUploadInput {
  roomId: string;
  userId: string;
  fileName: string;
  contentType: string;
  size: number;
}

export interface UploadTicket {
  attachmentId: string;
  uploadUrl: string;
  /** Headers the PUT must carry exactly (the URL is signed with them). */
  uploadHeaders: Record<string, string>;
  expiresAt: string;
}

export interface DownloadTicket {
  downloadUrl: string;
  fileName: string;
  contentType: string;
  size: number;
  expiresAt: string;
}

function checkUpload(input: RequestUploadInput): string {
  const contentType = allowedContentType(input.contentType);
  if (!contentType) throw invalidField('contentType', 'must be image/*, application/pdf or text/plain');
  if (!Number.isInteger(input.size) || input.size < 1 || input.size > MAX_ATTACHMENT_BYTES) {
    throw invalidField('size', `must be from 1 to ${MAX_ATTACHMENT_BYTES} bytes (25 MiB)`);
  }
  if (input.fileName.trim() === '') throw invalidField('fileName', 'must not be blank');
  return contentType;
}

/**
 * A member announces an upload: the attachment is recorded for this room and uploader, and a presigned PUT
 * for its upload object (`uploads/rooms/<roomId>/<attachmentId>/<safe file name>`) that accepts only the
 * announced content type and size is returned, valid for 10 minutes. Sending a message with it copies the
 * upload to a key no URL can write (`attachmentObjectKey`).
 */
export async function requestUpload(
  deps: Pick<MessagingDependencies, 'clock' | 'ids' | 'memberships' | 'attachments' | 'objects' | 'limits'>,
  input: RequestUploadInput,
): Promise<UploadTicket> {
  const contentType = checkUpload(input);
  await requireMember(deps.memberships, input.roomId, input.userId);
  await requireAllowance(deps.limits, 'attachment', input.userId);
  const now = deps.clock.now();
  const attachmentId = deps.ids.attachmentId();
  const fileName = input.fileName.trim();
  await deps.attachments.put({
    attachmentId,
    roomId: input.roomId,
    uploaderId: input.userId,
    fileName,
    contentType,
    size: input.size,
    createdAt: now.toISOString(),
  });
  const { url, headers } = await deps.objects.presignUpload({
    key: uploadObjectKey(input.roomId, attachmentId, fileName),
    contentType,
    size: input.size,
    expiresInSeconds: UPLOAD_URL_TTL_SECONDS,
  });
  return {
    attachmentId,
    uploadUrl: url,
    uploadHeaders: headers,
    expiresAt: new Date(now.getTime() + UPLOAD_URL_TTL_SECONDS * 1000).toISOString(),
  };
}

/**
 * A presigned GET of an attachment of the room, for members: one that a message references (the copy the
 * message made, which cannot change), or one the caller uploaded and has not sent yet (the upload). Anything
 * else is 404 (including another room's attachment).
 */
export async function getAttachment(
  deps: Pick<MessagingDependencies, 'clock' | 'memberships' | 'attachments' | 'objects'>,
  input: { roomId: string; attachmentId: string; userId: string },
): Promise<DownloadTicket> {
  await requireMember(deps.memberships, input.roomId, input.userId);
  const record = await deps.attachments.get(input.attachmentId);
  if (!record || record.roomId !== input.roomId) throw new AttachmentNotFoundError();
  if (record.messageId === undefined && record.uploaderId !== input.userId)
    throw new AttachmentNotFoundError();
  const now = deps.clock.now();
  const downloadUrl = await deps.objects.presignDownload({
    key:
      record.messageId === undefined
        ? uploadObjectKey(record.roomId, record.attachmentId, record.fileName)
        : attachmentObjectKey(record.roomId, record.attachmentId, record.messageId, record.fileName),
    fileName: record.fileName,
    contentType: record.contentType,
    expiresInSeconds: DOWNLOAD_URL_TTL_SECONDS,
  });
  return {
    downloadUrl,
    fileName: record.fileName,
    contentType: record.contentType,
    size: record.size,
    expiresAt: new Date(now.getTime() + DOWNLOAD_URL_TTL_SECONDS * 1000).toISOString(),
  };
}
