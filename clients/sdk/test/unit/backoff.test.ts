import { backoffDelay } from '@chat/client';

describe('backoffDelay', () => {
  it('grows the ceiling exponentially from the base', () => {
    const ceilings = [0, 1, 2, 3].map((attempt) =>
      backoffDelay(attempt, { baseMs: 100, maxMs: 10_000 }, () => 0.999999),
    );

    expect(ceilings).toEqual([99, 199, 399, 799]);
  });

  it('never waits longer than the maximum', () => {
    expect(backoffDelay(40, { baseMs: 100, maxMs: 5_000 }, () => 0.999999)).toBe(4999);
  });

  it('spreads delays over the whole range (full jitter)', () => {
    expect(backoffDelay(3, { baseMs: 100, maxMs: 10_000 }, () => 0)).toBe(0);
    expect(backoffDelay(3, { baseMs: 100, maxMs: 10_000 }, () => 0.5)).toBe(400);
  });
});
