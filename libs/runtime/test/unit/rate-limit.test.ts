import {
  domainErrorFrame,
  enforceRateLimit,
  inMemoryRateLimiter,
  RateLimitedError,
  rateLimit,
  rateStep,
  recordingMetrics,
} from '../../src';

const limit = rateLimit('send', 3, 10);
const T0 = 1_000_000;

describe('rateStep', () => {
  it('opens a window when there is none or it has ended', () => {
    expect(rateStep(limit, undefined, T0)).toEqual({ step: 'open' });
    expect(rateStep(limit, { endsAt: T0, used: 3 }, T0)).toEqual({ step: 'open' });
  });

  it('counts in an open window that is not full', () => {
    expect(rateStep(limit, { endsAt: T0 + 1, used: 2 }, T0)).toEqual({ step: 'count' });
  });

  it('refuses in a full window until it ends, in whole seconds of at least 1', () => {
    expect(rateStep(limit, { endsAt: T0 + 7_200, used: 3 }, T0)).toEqual({
      step: 'refuse',
      retryAfterSeconds: 8,
    });
    expect(rateStep(limit, { endsAt: T0 + 10, used: 3 }, T0)).toEqual({
      step: 'refuse',
      retryAfterSeconds: 1,
    });
  });
});

describe('rateLimit', () => {
  it.each([
    [0, 10],
    [3, 0],
    [1.5, 10],
  ])('refuses a limit of %p per %p s', (count, seconds) => {
    expect(() => rateLimit('x', count, seconds)).toThrow('positive integers');
  });
});

describe('inMemoryRateLimiter', () => {
  it('admits `limit` actions per window anchored on the first, per action and subject', async () => {
    let now = T0;
    const limiter = inMemoryRateLimiter(() => now);
    const decisions = [];
    for (let i = 0; i < 4; i += 1) decisions.push(await limiter.take(limit, 'alice'));

    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false]);
    expect(decisions[3]).toEqual({ allowed: false, retryAfterSeconds: 10 });
    expect(await limiter.take(limit, 'bob')).toEqual({ allowed: true });
    expect(await limiter.take(rateLimit('reaction', 3, 10), 'alice')).toEqual({ allowed: true });
    now += 10_000;
    expect(await limiter.take(limit, 'alice')).toEqual({ allowed: true });
  });
});

describe('enforceRateLimit', () => {
  it('throws the refusal built with the seconds to wait, mapped to RATE_LIMITED frames with retryAfter', async () => {
    const limiter = inMemoryRateLimiter(() => T0);
    for (let i = 0; i < 3; i += 1) await enforceRateLimit(limiter, limit, 'alice');

    const refusal = await enforceRateLimit(limiter, limit, 'alice').catch((error: unknown) => error);

    expect(refusal).toBeInstanceOf(RateLimitedError);
    expect(domainErrorFrame(refusal as RateLimitedError, 'c-1')).toEqual({
      type: 'error',
      clientMessageId: 'c-1',
      error: { code: 'RATE_LIMITED', message: 'Too many requests', retryAfter: 10 },
    });
  });

  it('counts each refusal as one RateLimited, and nothing for the actions it allows', async () => {
    const limiter = inMemoryRateLimiter(() => T0);
    const recorder = recordingMetrics();
    const take = () =>
      enforceRateLimit(limiter, limit, 'bob', undefined, recorder).then(
        () => 'allowed',
        () => 'refused',
      );

    const outcomes = [await take(), await take(), await take(), await take(), await take()];

    expect(outcomes).toEqual(['allowed', 'allowed', 'allowed', 'refused', 'refused']);
    expect(recorder.recorded.RateLimited).toEqual([1, 1]);
  });
});
