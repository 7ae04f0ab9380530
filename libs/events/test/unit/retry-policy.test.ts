import { backoffDelay, isRetryableCallError, isRetryableEntryError } from '../../src/index';

describe('backoffDelay', () => {
  it('doubles per attempt, with a jitter between half and all of the ceiling', () => {
    expect(backoffDelay(1, 100, 5000, () => 0)).toBe(50);
    expect(backoffDelay(1, 100, 5000, () => 0.999999)).toBe(100);
    expect(backoffDelay(3, 100, 5000, () => 0)).toBe(200);
    expect(backoffDelay(3, 100, 5000, () => 0.5)).toBe(300);
  });

  it('never exceeds the maximum delay', () => {
    expect(backoffDelay(20, 100, 5000, () => 0.999999)).toBeLessThanOrEqual(5000);
  });
});

describe('isRetryableEntryError', () => {
  it('retries transient entry failures but not permanent ones', () => {
    expect(isRetryableEntryError('InternalFailure')).toBe(true);
    expect(isRetryableEntryError('ThrottlingException')).toBe(true);
    expect(isRetryableEntryError('MalformedDetail')).toBe(false);
    expect(isRetryableEntryError('AccessDeniedException')).toBe(false);
  });
});

describe('isRetryableCallError', () => {
  const named = (name: string, extra: Record<string, unknown> = {}) =>
    Object.assign(new Error(name), { name }, extra);

  it('retries throttling, 5xx answers, timeouts and connection resets', () => {
    expect(isRetryableCallError(named('ThrottlingException'))).toBe(true);
    expect(isRetryableCallError(named('Whatever', { $metadata: { httpStatusCode: 503 } }))).toBe(true);
    expect(isRetryableCallError(named('Whatever', { $retryable: {} }))).toBe(true);
    expect(isRetryableCallError(named('TimeoutError'))).toBe(true);
    expect(isRetryableCallError(named('Error', { code: 'ECONNRESET' }))).toBe(true);
  });

  it('does not retry client errors', () => {
    expect(isRetryableCallError(named('ValidationException', { $metadata: { httpStatusCode: 400 } }))).toBe(
      false,
    );
    expect(isRetryableCallError(named('ResourceNotFoundException'))).toBe(false);
    expect(isRetryableCallError('not an error')).toBe(false);
  });
});
