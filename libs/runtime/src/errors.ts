/**
 * Domain errors: the failures a use case reports on purpose. Each carries a `kind` that the HTTP and
 * WebSocket layers map to a status and a contract code once, centrally (docs/api.md "Errors"). Services
 * subclass them per concept (`class NotARoomMemberError extends NotFoundError {}`; `withMessage` and
 * `invalidField` give the base of one whose message is fixed). Their `message` is shown to
 * clients, so it must never hold internal names; put those in `cause`, which is only logged.
 */
export type DomainErrorKind =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'rate_limited';

/** One bad input field: `field` is its dotted path (`a.b`, `items.0.name`). */
export interface FieldIssue {
  field: string;
  message: string;
}

export interface DomainErrorOptions {
  cause?: unknown;
  /** A more specific contract code than the kind's default (e.g. `BAD_JSON`, `BAD_FRAME`). */
  code?: string;
}

const defaultCodes: Record<DomainErrorKind, string> = {
  validation: 'VALIDATION_FAILED',
  unauthenticated: 'UNAUTHENTICATED',
  forbidden: 'FORBIDDEN',
  not_found: 'NOT_FOUND',
  conflict: 'CONFLICT',
  payload_too_large: 'PAYLOAD_TOO_LARGE',
  rate_limited: 'RATE_LIMITED',
};

export class DomainError extends Error {
  readonly kind: DomainErrorKind;
  readonly code: string;

  constructor(kind: DomainErrorKind, message: string, options: DomainErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.kind = kind;
    this.code = options.code ?? defaultCodes[kind];
  }
}

export class ValidationError extends DomainError {
  readonly details: FieldIssue[];

  constructor(details: FieldIssue[], message = 'The request is not valid', options?: DomainErrorOptions) {
    super('validation', message, options);
    this.details = details;
  }
}

/** The constructor of an error kind whose message has a default: `new NotFoundError(message?, options?)`. */
export type DomainErrorClass<T extends DomainError = DomainError> = new (
  message?: string,
  options?: DomainErrorOptions,
) => T;

/** The base class of one error kind: `message` defaults to `defaultMessage`. */
function errorKind(kind: DomainErrorKind, defaultMessage: string): DomainErrorClass {
  return class extends DomainError {
    constructor(message = defaultMessage, options?: DomainErrorOptions) {
      super(kind, message, options);
    }
  };
}

export class UnauthenticatedError extends errorKind('unauthenticated', 'Authentication required') {}

export class ForbiddenError extends errorKind('forbidden', 'Not allowed') {}

export class NotFoundError extends errorKind('not_found', 'Not found') {}

export class ConflictError extends errorKind('conflict', 'Conflict') {}

export class PayloadTooLargeError extends errorKind('payload_too_large', 'Payload too large') {}

export class RateLimitedError extends DomainError {
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number, message = 'Too many requests', options?: DomainErrorOptions) {
    super('rate_limited', message, options);
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterSeconds));
  }
}

/**
 * The base of a per-concept error of `Base`'s kind whose client message is always `message`; it takes only
 * options: `class UsernameTakenError extends withMessage(ConflictError, 'The username is already taken') {}`,
 * then `new UsernameTakenError({ cause })`.
 */
export function withMessage<T extends DomainError>(
  Base: DomainErrorClass<T>,
  message: string,
): new (options?: DomainErrorOptions) => T {
  return class extends (Base as DomainErrorClass) {
    constructor(options?: DomainErrorOptions) {
      super(message, options);
    }
  } as unknown as new (options?: DomainErrorOptions) => T;
}

/**
 * The base of a per-concept ValidationError about one field, with a fixed issue and the default message:
 * `class WeakPasswordError extends invalidField('password', 'does not meet the password policy') {}`.
 */
export function invalidField(
  field: string,
  issue: string,
): new (options?: DomainErrorOptions) => ValidationError {
  return class extends ValidationError {
    constructor(options?: DomainErrorOptions) {
      super([{ field, message: issue }], undefined, options);
    }
  };
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}
