/** A server the local stack started; `close` stops it and resolves when it is down. */
export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:4010 */
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Invokes a function of a service by its qualified name `<service>.<functionKey>` (the key under
 * `functions` in that service's serverless.ts) with a Lambda event, and resolves with the handler's
 * result. It rejects when the handler throws or the function does not exist, as a Lambda function error.
 */
export type Invoke = (qualifiedName: string, event: unknown) => Promise<unknown>;
