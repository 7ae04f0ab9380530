import { parseColdOptions } from '../../src/cold/options';

describe('parseColdOptions', () => {
  it('defaults to 5 loads of every function', () => {
    expect(parseColdOptions([])).toEqual({ runs: 5 });
  });

  it('reads --runs and --only, spaced or with =', () => {
    expect(parseColdOptions(['--runs', '3', '--only=messaging.sendMessage'])).toEqual({
      runs: 3,
      only: 'messaging.sendMessage',
    });
  });

  it.each([['--runs', '0'], ['--runs', '51'], ['--runs', 'x'], ['--fast']])(
    'refuses %s %s, with the usage',
    (...argv) => {
      expect(() => parseColdOptions(argv)).toThrow(`Bad argument "${argv[0]}"`);
    },
  );
});
