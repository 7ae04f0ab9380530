import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  RateLimitedError,
  UnauthenticatedError,
  ValidationError,
  type DomainError,
} from '@chat/runtime';
import { errorResult } from '../../src';

describe('errorResult', () => {
  it.each<[DomainError, number, string]>([
    [new ValidationError([{ field: 'a', message: 'bad' }]), 400, 'VALIDATION_FAILED'],
    [new UnauthenticatedError(), 401, 'UNAUTHENTICATED'],
    [new ForbiddenError(), 403, 'FORBIDDEN'],
    [new NotFoundError(), 404, 'NOT_FOUND'],
    [new ConflictError(), 409, 'CONFLICT'],
    [new PayloadTooLargeError(), 413, 'PAYLOAD_TOO_LARGE'],
    [new RateLimitedError(5), 429, 'RATE_LIMITED'],
  ])('maps %p to %i %s', (error, statusCode, code) => {
    const result = errorResult(error);

    expect(result.statusCode).toBe(statusCode);
    expect(result.body).toMatchObject({ error: { code, message: error.message } });
  });

  it('includes the details of a validation error', () => {
    const result = errorResult(new ValidationError([{ field: 'limit', message: 'Must be an integer' }]));

    expect(result.body).toEqual({
      error: {
        code: 'VALIDATION_FAILED',
        message: 'The request is not valid',
        details: [{ field: 'limit', message: 'Must be an integer' }],
      },
    });
  });

  it('keeps a more specific code given to a domain error', () => {
    const result = errorResult(new ValidationError([], 'Bad frame', { code: 'BAD_FRAME' }));

    expect(result.body).toEqual({ error: { code: 'BAD_FRAME', message: 'Bad frame' } });
  });

  it.each([new TypeError('x is undefined'), 'a string', null])('hides %p behind a generic 500', (thrown) => {
    const result = errorResult(thrown);

    expect(result).toEqual({
      statusCode: 500,
      body: { error: { code: 'INTERNAL', message: 'Internal server error' } },
    });
  });
});
