import { entrySize, maxBytesPerCall, splitIntoBatches } from '../../src/index';

describe('entrySize', () => {
  it('counts the UTF-8 bytes of Source, DetailType, Detail and Resources, plus 14 for Time', () => {
    const entry = {
      Source: 'chat.x',
      DetailType: 'E',
      Detail: '{"t":"é€😀"}',
      Resources: ['arn:1', 'arn:22'],
      EventBusName: 'not-counted',
    };

    expect(entrySize(entry)).toBe(6 + 1 + (8 + 2 + 3 + 4) + 5 + 6);
    expect(entrySize({ ...entry, Time: new Date() })).toBe(entrySize(entry) + 14);
  });
});

describe('splitIntoBatches', () => {
  it('puts at most 10 items in a batch', () => {
    const batches = splitIntoBatches(
      Array.from({ length: 21 }, (_, i) => i),
      () => 1,
    );

    expect(batches.map((b) => b.length)).toEqual([10, 10, 1]);
  });

  it('fills a batch up to exactly 256 KB and starts a new one past it', () => {
    const quarter = maxBytesPerCall / 4;

    const batches = splitIntoBatches([quarter, quarter, quarter, quarter, 1], (size) => size);

    expect(batches).toEqual([[quarter, quarter, quarter, quarter], [1]]);
  });

  it('keeps the order of the items', () => {
    const batches = splitIntoBatches(['a', 'b', 'c'], () => maxBytesPerCall / 2);

    expect(batches).toEqual([['a', 'b'], ['c']]);
  });

  it('refuses an item larger than a whole call', () => {
    expect(() => splitIntoBatches(['x'], () => maxBytesPerCall + 1)).toThrow('exceeds');
  });
});
