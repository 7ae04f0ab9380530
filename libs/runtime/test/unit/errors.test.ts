import {
  ConflictError,
  DomainError,
  ForbiddenError,
  invalidField,
  isDomainError,
  NotFoundError,
  PayloadTooLargeError,
  RateLimitedError,
  UnauthenticatedError,
  ValidationError,
  withMessage,
} from '../../src';

class NotARoomMemberError extends NotFoundError {
  constructor() {
    super('Room not found');
  }
}

describe('domain errors', () => {
  it.each<[DomainError, string, string]>([
    [new ValidationError([]), 'validation', 'VALIDATION_FAILED'],
    [new UnauthenticatedError(), 'unauthenticated', 'UNAUTHENTICATED'],
    [new ForbiddenError(), 'forbidden', 'FORBIDDEN'],
    [new NotFoundError(), 'not_found', 'NOT_FOUND'],
    [new ConflictError(), 'conflict', 'CONFLICT'],
    [new PayloadTooLargeError(), 'payload_too_large', 'PAYLOAD_TOO_LARGE'],
    [new RateLimitedError(1), 'rate_limited', 'RATE_LIMITED'],
  ])('%p has kind %s and code %s', (error, kind, code) => {
    expect(error.kind).toBe(kind);
    expect(error.code).toBe(code);
    expect(isDomainError(error)).toBe(true);
  });

  it('keeps the kind of its base class and its own name in a per-concept subclass', () => {
    const error = new NotARoomMemberError();

    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.kind).toBe('not_found');
    expect(error.name).toBe('NotARoomMemberError');
    expect(error.message).toBe('Room not found');
  });

  it('gives a per-concept error with a fixed message its base kind, its name and the cause it is given', () => {
    class UsernameTakenError extends withMessage(ConflictError, 'The username is already taken') {}
    const cause = new Error('ConditionalCheckFailed');

    const error = new UsernameTakenError({ cause });

    expect(error).toBeInstanceOf(ConflictError);
    expect(error.kind).toBe('conflict');
    expect(error.code).toBe('CONFLICT');
    expect(error.name).toBe('UsernameTakenError');
    expect(error.message).toBe('The username is already taken');
    expect(error.cause).toBe(cause);
  });

  it('gives a per-concept validation error its one field issue and the default message', () => {
    class WeakPasswordError extends invalidField('password', 'does not meet the password policy') {}

    const error = new WeakPasswordError();

    expect(error).toBeInstanceOf(ValidationError);
    expect(error.name).toBe('WeakPasswordError');
    expect(error.message).toBe('The request is not valid');
    expect(error.details).toEqual([{ field: 'password', message: 'does not meet the password policy' }]);
  });

  it('carries the validation details, a specific code and a cause', () => {
    const cause = new SyntaxError('Unexpected end of JSON input');
    const error = new ValidationError([{ field: 'a.b', message: 'Required' }], 'Bad', {
      code: 'BAD_JSON',
      cause,
    });

    expect(error.details).toEqual([{ field: 'a.b', message: 'Required' }]);
    expect(error.code).toBe('BAD_JSON');
    expect(error.cause).toBe(cause);
  });

  it('rounds Retry-After seconds up to a whole second of at least 1', () => {
    expect(new RateLimitedError(2.1).retryAfterSeconds).toBe(3);
    expect(new RateLimitedError(0).retryAfterSeconds).toBe(1);
  });

  it('does not take plain errors for domain errors', () => {
    expect(isDomainError(new Error('x'))).toBe(false);
    expect(isDomainError({ kind: 'not_found' })).toBe(false);
  });
});
