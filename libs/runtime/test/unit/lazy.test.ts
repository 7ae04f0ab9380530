import { lazy } from '../../src';

describe('lazy', () => {
  it('builds nothing until first called', () => {
    const build = jest.fn(() => 'client');

    lazy(build);

    expect(build).not.toHaveBeenCalled();
  });

  it('builds once and returns the same value on every call', () => {
    const build = jest.fn(() => ({ id: 1 }));
    const client = lazy(build);

    const first = client();
    const second = client();

    expect(second).toBe(first);
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('keeps a falsy value instead of building again', () => {
    const build = jest.fn(() => undefined);
    const value = lazy(build);

    value();
    value();

    expect(build).toHaveBeenCalledTimes(1);
  });

  it('builds again on the next call when the build threw', () => {
    const build = jest
      .fn<string, []>()
      .mockImplementationOnce(() => {
        throw new Error('Missing required environment variable TABLE');
      })
      .mockImplementationOnce(() => 'built');
    const value = lazy(build);

    expect(() => value()).toThrow('TABLE');
    expect(value()).toBe('built');
  });
});
