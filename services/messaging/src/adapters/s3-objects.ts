import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { sanitizeFileName } from '../domain/attachments';
import type { ObjectStorage, StoredObject } from '../use-cases/ports';

/**
 * The S3 client of the attachments bucket. Checksums only when an operation requires one: otherwise the SDK
 * puts a CRC32 of the (empty) payload into presigned PUT URLs, which then refuse the real upload; s3rver also
 * stores flexible-checksum uploads corrupted. The endpoint comes from the SDK's standard variables.
 */
export function attachmentsS3Client(): S3Client {
  return new S3Client({
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

function isNotFound(error: unknown): boolean {
  if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404) return true;
  return error instanceof Error && (error.name === 'NotFound' || error.name === 'NoSuchKey');
}

/** The attachments bucket: presigned PUT/GET URLs (signed with the function's role), HEAD, COPY and DELETE. */
export function s3ObjectStorage(client: S3Client, bucket: string): ObjectStorage {
  return {
    async presignUpload({ key, contentType, size, expiresInSeconds }) {
      const url = await getSignedUrl(
        client,
        new PutObjectCommand({ Bucket: bucket, Key: key, ContentType: contentType, ContentLength: size }),
        // Signed, so S3 refuses a PUT with another type or length than announced.
        { expiresIn: expiresInSeconds, signableHeaders: new Set(['content-type', 'content-length']) },
      );
      return { url, headers: { 'Content-Type': contentType, 'Content-Length': String(size) } };
    },

    async presignDownload({ key, fileName, contentType, expiresInSeconds }) {
      return getSignedUrl(
        client,
        new GetObjectCommand({
          Bucket: bucket,
          Key: key,
          ResponseContentType: contentType,
          // Never rendered as a page from the bucket's origin (image/svg+xml can carry scripts).
          ResponseContentDisposition: `attachment; filename="${sanitizeFileName(fileName)}"`,
        }),
        { expiresIn: expiresInSeconds },
      );
    },

    async describe(key): Promise<StoredObject | undefined> {
      try {
        const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return { size: head.ContentLength ?? 0, contentType: head.ContentType };
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },

    async copy(from, to) {
      try {
        await client.send(
          new CopyObjectCommand({
            Bucket: bucket,
            Key: to,
            CopySource: `${bucket}/${from.split('/').map(encodeURIComponent).join('/')}`,
          }),
        );
        return true;
      } catch (error) {
        if (isNotFound(error)) return false;
        throw error;
      }
    },

    async remove(keys) {
      await Promise.all(
        keys.map((key) => client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }))),
      );
    },
  };
}
