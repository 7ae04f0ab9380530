import { backoffDelay } from '../../src';

describe('backoffDelay', () => {
  const options = { baseDelayMs: 10, maxDelayMs: 100 };

  it('doubles the ceiling with each attempt and waits at least half of it', () => {
    const delays = [1, 2, 3, 4].map((attempt) => backoffDelay(attempt, { ...options, random: () => 0 }));

    expect(delays).toEqual([5, 10, 20, 40]);
  });

  it('adds up to the other half of the ceiling as jitter, never beyond the maximum', () => {
    expect(backoffDelay(2, { ...options, random: () => 0.999 })).toBe(20);
    expect(backoffDelay(10, { ...options, random: () => 0.999 })).toBe(100);
  });
});
