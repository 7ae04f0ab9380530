import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import S3rver from 's3rver';
import AWSAccount from 's3rver/lib/models/account';
import type { RunningServer } from '../cloud/types';
import { listenOnLoopback } from '../http-server';
import { LOOPBACK_HOST } from '../ports';

export interface S3Options {
  /** Port on 127.0.0.1; 0 picks a free one. */
  port: number;
  /** Objects and buckets live here (s3rver's file layout) and survive restarts. */
  dataDir: string;
  /** Created when missing. */
  buckets: string[];
  /**
   * Access key ids s3rver accepts besides its built-in `S3RVER` (it refuses unknown ids with
   * InvalidAccessKeyId; it does not check SigV4 signatures, only expiry).
   */
  accessKeyIds?: string[];
  /** Allow-all CORS rules on the buckets, so browsers can use presigned URLs. Default true. */
  cors?: boolean;
}

/** The credentials s3rver knows out of the box. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

/**
 * Environment for handlers that talk to this S3 with an unmodified `new S3Client({})`: the endpoint
 * (an IP host, so the SDK addresses buckets path-style by itself) and checksums only when required
 * (otherwise streamed uploads are stored in aws-chunked form and presigned PUTs carry a checksum).
 */
export function s3ClientEnvironment(endpoint: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_S3: endpoint,
    AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
    AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
  };
}

const ALLOW_ALL_CORS = `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>*</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <ExposeHeader>ETag</ExposeHeader>
    <MaxAgeSeconds>3000</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;

/** Starts s3rver 3.7 in this process on 127.0.0.1, persistent under `dataDir`. */
export async function startS3(options: S3Options): Promise<RunningServer> {
  const directory = path.resolve(options.dataDir);
  await mkdir(directory, { recursive: true });
  for (const accessKeyId of options.accessKeyIds ?? []) {
    AWSAccount.DUMMY_ACCOUNT.createKeyPair(accessKeyId, S3RVER_CREDENTIALS.secretAccessKey);
  }
  const configs = options.cors === false ? [] : [ALLOW_ALL_CORS];
  const s3rver = new S3rver({
    address: LOOPBACK_HOST,
    port: options.port,
    directory,
    silent: true,
    configureBuckets: options.buckets.map((name) => ({ name, configs })),
  });
  await s3rver.configureBuckets();
  const { url, port, close } = await listenOnLoopback(createServer(s3rver.callback()), {
    name: 's3rver',
    port: options.port,
  });
  return { url, port, close };
}
