/**
 * Domain errors: the failures a use case reports on purpose. Each carries a `kind` that the HTTP and
 * WebSocket layers map to a status and a contract code once, centrally (API.md "Errors"). Services subclass
 * them per concept (`class NotARoomMemberError extends NotFoundError {}`). Their `message` is shown to
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

export class UnauthenticatedError extends DomainError {
  constructor(message = 'Authentication required', options?: DomainErrorOptions) {
    super('unauthenticated', message, options);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'Not allowed', options?: DomainErrorOptions) {
    super('forbidden', message, options);
  }
}

export class NotFoundError extends DomainError {
  constructor(message = 'Not found', options?: DomainErrorOptions) {
    super('not_found', message, options);
  }
}

export class ConflictError extends DomainError {
  constructor(message = 'Conflict', options?: DomainErrorOptions) {
    super('conflict', message, options);
  }
}

export class PayloadTooLargeError extends DomainError {
  constructor(message = 'Payload too large', options?: DomainErrorOptions) {
    super('payload_too_large', message, options);
  }
}

export class RateLimitedError extends DomainError {
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number, message = 'Too many requests', options?: DomainErrorOptions) {
    super('rate_limited', message, options);
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterSeconds));
  }
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}
