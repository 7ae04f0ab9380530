import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { s3ClientEnvironment } from '../../../src/emulators/s3';

describe('s3ClientEnvironment', () => {
  const saved = { ...process.env };

  afterEach(() => {
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
  });

  it('lets an unconfigured S3Client use the endpoint path-style and skip optional checksums', async () => {
    // Arrange
    Object.assign(process.env, s3ClientEnvironment('http://127.0.0.1:4569'), {
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
    });
    const s3 = new S3Client({});

    // Act
    const url = new URL(
      await getSignedUrl(s3, new PutObjectCommand({ Bucket: 'attachments', Key: 'a/b.png' })),
    );

    // Assert
    expect(await s3.config.requestChecksumCalculation()).toBe('WHEN_REQUIRED');
    expect(await s3.config.responseChecksumValidation()).toBe('WHEN_REQUIRED');
    expect(url.origin).toBe('http://127.0.0.1:4569');
    expect(url.pathname).toBe('/attachments/a/b.png');
    expect([...url.searchParams.keys()].filter((name) => name.toLowerCase().includes('checksum'))).toEqual(
      [],
    );
  });

  it('differs from the SDK default, which presigns a checksum of an empty body', async () => {
    // Arrange
    Object.assign(process.env, {
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'x',
      AWS_SECRET_ACCESS_KEY: 'x',
    });
    delete process.env.AWS_REQUEST_CHECKSUM_CALCULATION;
    delete process.env.AWS_RESPONSE_CHECKSUM_VALIDATION;
    const s3 = new S3Client({ endpoint: 'http://127.0.0.1:4569' });

    // Act
    const url = new URL(
      await getSignedUrl(s3, new PutObjectCommand({ Bucket: 'attachments', Key: 'a/b.png' })),
    );

    // Assert
    expect(await s3.config.requestChecksumCalculation()).toBe('WHEN_SUPPORTED');
    expect(url.searchParams.get('x-amz-sdk-checksum-algorithm')).toBe('CRC32');
  });
});
