import { eventually } from '../../src/eventually';

describe('eventually', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('resolves with the first answer that is neither undefined nor false', async () => {
    const answers = [undefined, false, 'there'];
    const check = jest.fn(() => answers.shift());

    const result = eventually(check, { intervalMs: 10 });
    await jest.advanceTimersByTimeAsync(20);

    await expect(result).resolves.toBe('there');
    expect(check).toHaveBeenCalledTimes(3);
  });

  it('keeps trying while the check throws, and resolves once it passes', async () => {
    let calls = 0;
    const check = async () => {
      calls += 1;
      if (calls < 3) throw new Error('not yet');
      return { calls };
    };

    const result = eventually(check, { intervalMs: 10 });
    await jest.advanceTimersByTimeAsync(20);

    await expect(result).resolves.toEqual({ calls: 3 });
  });

  it('throws on timeout, naming what it waited for and the last failure, with that error as the cause', async () => {
    const last = new Error('expected 3 frames, got 2');
    const check = () => {
      throw last;
    };

    const result = eventually(check, { timeoutMs: 100, intervalMs: 10, what: 'three frames' });
    const settled = result.catch((error: unknown) => error);
    await jest.advanceTimersByTimeAsync(110);
    const error = (await settled) as Error;

    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe('timed out after 100 ms waiting for three frames: expected 3 frames, got 2');
    expect(error.cause).toBe(last);
  });

  it('says what the check last answered when it timed out on an empty answer', async () => {
    const result = eventually(() => undefined, { timeoutMs: 50, intervalMs: 10 });
    const settled = result.catch((error: unknown) => error);
    await jest.advanceTimersByTimeAsync(60);

    expect(((await settled) as Error).message).toBe(
      'timed out after 50 ms waiting for a condition: it returned undefined',
    );
  });

  it('checks once more at the deadline before giving up', async () => {
    let now = 0;
    const check = () => (Date.now() >= now + 100 ? 'late' : undefined);
    now = Date.now();

    const result = eventually(check, { timeoutMs: 100, intervalMs: 100 });
    await jest.advanceTimersByTimeAsync(100);

    await expect(result).resolves.toBe('late');
  });
});
