import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { GetObjectCommand, PutObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { S3RVER_CREDENTIALS, startS3 } from '../../../src/emulators';
import type { RunningServer } from '../../../src/cloud/types';

const bucket = 'chat-test-attachments';
const MiB = 1024 * 1024;

function s3Client(endpoint: string, overrides: Partial<S3ClientConfig> = {}): S3Client {
  return new S3Client({
    endpoint,
    region: 'us-east-1',
    credentials: S3RVER_CREDENTIALS,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 1,
    ...overrides,
  });
}

describe('s3rver started by startS3', () => {
  const dataDirs: string[] = [];
  const running: RunningServer[] = [];

  async function aDataDir(): Promise<string> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 's3rver-'));
    dataDirs.push(dir);
    return dir;
  }

  async function anS3(dataDir: string, options: { accessKeyIds?: string[] } = {}): Promise<RunningServer> {
    const server = await startS3({ port: 0, dataDir, buckets: [bucket], ...options });
    running.push(server);
    return server;
  }

  afterAll(async () => {
    await Promise.all(running.map((server) => server.close()));
    await Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('takes a presigned PUT from fetch and gives the same bytes back through a presigned GET', async () => {
    // Arrange
    const server = await anS3(await aDataDir());
    const s3 = s3Client(server.url);
    const bytes = randomBytes(MiB);
    const key = 'rooms/r1/attachments/a1/photo.png';
    const uploadUrl = await getSignedUrl(
      s3,
      new PutObjectCommand({ Bucket: bucket, Key: key, ContentType: 'image/png' }),
      {
        expiresIn: 300,
      },
    );

    // Act
    const upload = await fetch(uploadUrl, {
      method: 'PUT',
      body: bytes,
      headers: { 'content-type': 'image/png' },
    });
    const downloadUrl = await getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: key }), {
      expiresIn: 300,
    });
    const download = await fetch(downloadUrl);
    const downloaded = Buffer.from(await download.arrayBuffer());

    // Assert
    expect(new URL(uploadUrl).pathname).toBe(`/${bucket}/${key}`);
    expect(upload.status).toBe(200);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(downloaded.equals(bytes)).toBe(true);
    s3.destroy();
  });

  it('refuses an expired presigned URL', async () => {
    // Arrange
    const server = await anS3(await aDataDir());
    const s3 = s3Client(server.url);
    const expired = await getSignedUrl(s3, new PutObjectCommand({ Bucket: bucket, Key: 'late.txt' }), {
      expiresIn: 1,
      signingDate: new Date(Date.now() - 60_000),
    });

    // Act
    const response = await fetch(expired, { method: 'PUT', body: 'too late' });

    // Assert
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('Request has expired');
    s3.destroy();
  });

  it('stores a streamed SDK upload intact with checksums only when required', async () => {
    // Arrange
    const server = await anS3(await aDataDir());
    const s3 = s3Client(server.url);
    const bytes = randomBytes(256 * 1024);

    // Act
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'streamed.bin',
        Body: Readable.from([bytes]),
        ContentLength: bytes.length,
      }),
    );
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'streamed.bin' }));
    const stored = Buffer.from((await object.Body?.transformToByteArray()) ?? []);

    // Assert
    expect(stored.equals(bytes)).toBe(true);
    s3.destroy();
  });

  it('keeps buckets and objects across a restart on the same data folder', async () => {
    // Arrange
    const dataDir = await aDataDir();
    const first = await anS3(dataDir);
    const firstClient = s3Client(first.url);
    const bytes = randomBytes(64 * 1024);
    await firstClient.send(new PutObjectCommand({ Bucket: bucket, Key: 'kept.bin', Body: bytes }));
    firstClient.destroy();

    // Act
    await first.close();
    const second = await anS3(dataDir);
    const secondClient = s3Client(second.url);
    const object = await secondClient.send(new GetObjectCommand({ Bucket: bucket, Key: 'kept.bin' }));
    const stored = Buffer.from((await object.Body?.transformToByteArray()) ?? []);

    // Assert
    expect(stored.equals(bytes)).toBe(true);
    secondClient.destroy();
  });

  it('accepts the extra access key ids it is given', async () => {
    // Arrange
    const server = await anS3(await aDataDir(), { accessKeyIds: ['local'] });
    const s3 = s3Client(server.url, { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

    // Act
    const put = s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'by-local-key.txt', Body: 'hi' }));

    // Assert
    await expect(put).resolves.toMatchObject({ $metadata: { httpStatusCode: 200 } });
    s3.destroy();
  });

  it('rejects with one clear error when its port is taken', async () => {
    // Arrange
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;

    // Act
    const start = startS3({ port, dataDir: await aDataDir(), buckets: [bucket] }).finally(
      () => new Promise((resolve) => blocker.close(resolve)),
    );

    // Assert
    await expect(start).rejects.toThrow(`s3rver could not start on 127.0.0.1:${port}: listen EADDRINUSE`);
  });
});
