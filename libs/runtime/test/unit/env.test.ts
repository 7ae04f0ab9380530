import { optionalEnv, positiveIntegerEnv, requireEnv } from '../../src';

const NAME = 'RUNTIME_ENV_TEST_VALUE';

describe('environment readers', () => {
  afterEach(() => {
    delete process.env[NAME];
  });

  it('requireEnv returns a set variable and fails on a missing or empty one', () => {
    process.env[NAME] = 'value';
    expect(requireEnv(NAME)).toBe('value');

    process.env[NAME] = '';
    expect(() => requireEnv(NAME)).toThrow(`Missing required environment variable ${NAME}`);
  });

  it('optionalEnv treats an empty value as unset', () => {
    process.env[NAME] = '';

    expect(optionalEnv(NAME)).toBeUndefined();
  });

  describe('positiveIntegerEnv', () => {
    it('reads a positive integer', () => {
      process.env[NAME] = '42';

      expect(positiveIntegerEnv(NAME, 7)).toBe(42);
    });

    it('returns the fallback when the variable is unset', () => {
      expect(positiveIntegerEnv(NAME, 7)).toBe(7);
    });

    it('fails fast on an unset variable when there is no fallback', () => {
      expect(() => positiveIntegerEnv(NAME)).toThrow(`Missing required environment variable ${NAME}`);
    });

    it.each(['0', '-3', '1.5', 'ten', '9007199254740993'])('fails fast on %p', (raw) => {
      process.env[NAME] = raw;

      expect(() => positiveIntegerEnv(NAME, 7)).toThrow(`${NAME} must be a positive integer, got "${raw}"`);
    });
  });
});
