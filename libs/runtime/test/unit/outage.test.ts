import { isDependencyOutage } from '../../src';

const networkError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:8000`), { code });
const serviceError = (name: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(name), { name, $metadata: { httpStatusCode: 400 }, ...extra });

describe('isDependencyOutage', () => {
  it.each(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND'])(
    'counts %s as an outage',
    (code) => {
      expect(isDependencyOutage(networkError(code))).toBe(true);
    },
  );

  it('counts throttling, server faults and 502/503/504 answers as an outage', () => {
    expect(isDependencyOutage(serviceError('ProvisionedThroughputExceededException'))).toBe(true);
    expect(isDependencyOutage(serviceError('ThrottlingException'))).toBe(true);
    expect(isDependencyOutage(serviceError('Whatever', { $fault: 'server', $retryable: {} }))).toBe(true);
    expect(isDependencyOutage(serviceError('Unknown', { $metadata: { httpStatusCode: 503 } }))).toBe(true);
  });

  it('follows the cause of a wrapping error', () => {
    expect(isDependencyOutage(new Error('read failed', { cause: networkError('ECONNREFUSED') }))).toBe(true);
  });

  it('does not count bugs and client mistakes', () => {
    expect(isDependencyOutage(new TypeError('x is undefined'))).toBe(false);
    expect(isDependencyOutage(serviceError('ValidationException'))).toBe(false);
    expect(isDependencyOutage(serviceError('ConditionalCheckFailedException'))).toBe(false);
    expect(isDependencyOutage('ECONNREFUSED')).toBe(false);
    expect(isDependencyOutage(undefined)).toBe(false);
  });
});
