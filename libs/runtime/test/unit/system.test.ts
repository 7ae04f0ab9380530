import { isValid } from 'ulid';
import { systemClock, ulidIds } from '../../src';

describe('systemClock', () => {
  it('tells the current time', () => {
    const before = Date.now();

    const now = systemClock.now().getTime();

    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});

describe('ulidIds', () => {
  it('gives a new ULID on every call', () => {
    const first = ulidIds.next();
    const second = ulidIds.next();

    expect(isValid(first)).toBe(true);
    expect(second).not.toBe(first);
  });
});
