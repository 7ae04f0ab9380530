import { NO_FAULTS, parseFaultRequest } from '../../../src/cloud/eventbridge/faults';

describe('parseFaultRequest', () => {
  it('arms the given number of failures with the default error code', () => {
    // Act
    const state = parseFaultRequest({ failNextEntries: 2 });

    // Assert
    expect(state).toEqual({ ...NO_FAULTS, failNextEntries: 2, errorCode: 'InternalFailure' });
  });

  it('uses the given error code and message', () => {
    // Act
    const state = parseFaultRequest({
      failNextEntries: 1,
      errorCode: 'ThrottlingException',
      errorMessage: 'slow down',
    });

    // Assert
    expect(state).toEqual({
      failNextEntries: 1,
      errorCode: 'ThrottlingException',
      errorMessage: 'slow down',
    });
  });

  it.each([
    ['a negative count', { failNextEntries: -1 }],
    ['a fractional count', { failNextEntries: 1.5 }],
    ['a missing count', {}],
    ['an empty error code', { failNextEntries: 1, errorCode: '' }],
    ['a non-object body', 3],
  ])('rejects %s', (_description, body) => {
    // Act
    const state = parseFaultRequest(body);

    // Assert
    expect(typeof state).toBe('string');
  });
});
