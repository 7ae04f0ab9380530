import { epochSeconds } from '../../src';

describe('epochSeconds', () => {
  it('gives the whole seconds since the epoch, rounded down', () => {
    expect(epochSeconds(new Date('2024-05-01T12:00:00.999Z'))).toBe(1714564800);
  });
});
