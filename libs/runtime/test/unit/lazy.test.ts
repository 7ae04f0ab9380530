import { lazy, lazyProperties } from '../../src';

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

describe('lazyProperties', () => {
  it('reads each property from its factory only when the property is read', () => {
    const messages = jest.fn(() => 'messages');
    const objects = jest.fn(() => 'objects');
    const deps = lazyProperties({ messages }, { objects });

    expect(messages).not.toHaveBeenCalled();
    expect(deps.messages).toBe('messages');
    expect(messages).toHaveBeenCalledTimes(1);
    expect(objects).not.toHaveBeenCalled();
    expect(deps.objects).toBe('objects');
  });

  it('lets the second set of factories override the first', () => {
    const deps = lazyProperties({ clock: () => 'system', ids: () => 'ulid' }, { clock: () => 'fixed' });

    expect(deps.clock).toBe('fixed');
    expect(deps.ids).toBe('ulid');
    expect(Object.keys(deps)).toEqual(['clock', 'ids']);
  });
});
