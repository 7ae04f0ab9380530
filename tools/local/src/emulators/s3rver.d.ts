// Types for the parts of s3rver 3.7 (which ships none) that the local stack uses.
declare module 's3rver' {
  import type { RequestListener } from 'node:http';

  export interface S3rverBucketConfig {
    name: string;
    /** CORS or website configuration documents (XML). */
    configs?: Array<string | Buffer>;
  }

  export interface S3rverOptions {
    address?: string;
    port?: number;
    directory?: string;
    silent?: boolean;
    resetOnClose?: boolean;
    allowMismatchedSignatures?: boolean;
    vhostBuckets?: boolean;
    serviceEndpoint?: string;
    configureBuckets?: S3rverBucketConfig[];
  }

  class S3rver {
    constructor(options?: S3rverOptions);
    /** Creates the `configureBuckets` buckets when missing and applies their configs. */
    configureBuckets(): Promise<unknown>;
    /** The request handler (Koa's `callback`); `run()` would listen without handling listen errors. */
    callback(): RequestListener;
  }
  export = S3rver;
}

declare module 's3rver/lib/models/account' {
  class AWSAccount {
    static DUMMY_ACCOUNT: AWSAccount;
    createKeyPair(accessKeyId: string, secretAccessKey: string): void;
  }
  export = AWSAccount;
}
