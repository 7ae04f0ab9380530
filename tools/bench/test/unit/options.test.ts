import { DEFAULT_OPTIONS, parseOptions } from '../../src/fan-out/options';

describe('parseOptions', () => {
  it('defaults to 100 users, 50 msg/s for 20 s via REST, with the baseline', () => {
    expect(parseOptions([], {})).toEqual({
      users: 100,
      socketsPerUser: 1,
      rate: 50,
      durationSeconds: 20,
      via: 'rest',
      drainSeconds: 300,
      baseline: true,
    });
  });

  it('reads flags in both forms, and the environment, flags winning', () => {
    const options = parseOptions(
      ['--users', '20', '--sockets=3', '--rate=5', '--via', 'ws', '--no-baseline'],
      {
        BENCH_USERS: '30',
        BENCH_DURATION: '7',
      },
    );

    expect(options).toEqual({
      ...DEFAULT_OPTIONS,
      users: 20,
      socketsPerUser: 3,
      rate: 5,
      durationSeconds: 7,
      via: 'ws',
      baseline: false,
    });
  });

  it.each([
    [['--users', '1'], /--users \(BENCH_USERS\) must be an integer from 2 to 500/],
    [['--rate', '2.5'], /--rate \(BENCH_RATE\) must be an integer from 1 to 500/],
    [['--duration', '301'], /--duration/],
    [['--sockets', '21'], /--sockets \(BENCH_SOCKETS\) must be an integer from 1 to 20/],
    [['--via', 'carrier-pigeon'], /--via \(BENCH_VIA\) must be rest or ws/],
    [['--speed', '3'], /Unknown flag --speed/],
    [['fast'], /Unknown argument "fast"/],
    [['--users'], /--users needs a value/],
  ])('refuses %p', (argv, message) => {
    expect(() => parseOptions(argv, {})).toThrow(message);
  });
});
