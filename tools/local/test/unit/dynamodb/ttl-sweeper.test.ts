import { expiredCondition, TTL_MAX_AGE_SECONDS } from '../../../src/dynamodb/ttl-sweeper';

describe('expiredCondition', () => {
  it('matches TTL values in the past, in epoch seconds, up to five years old', () => {
    const nowMs = 1_767_323_045_678;

    const condition = expiredCondition('expiresAt', nowMs);

    expect(condition).toEqual({
      expression: '#ttl < :now AND #ttl >= :oldest',
      names: { '#ttl': 'expiresAt' },
      values: { ':now': { N: '1767323045' }, ':oldest': { N: String(1_767_323_045 - TTL_MAX_AGE_SECONDS) } },
    });
  });
});
