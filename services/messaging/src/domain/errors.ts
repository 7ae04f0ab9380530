import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  RateLimitedError,
  UnauthenticatedError,
  ValidationError,
} from '@chat/runtime';
import type { FieldIssue } from '@chat/runtime';

/** Not a member: the room is reported as not found, so a private room's existence does not leak. */
export class RoomNotFoundError extends NotFoundError {
  constructor() {
    super('The room was not found');
  }
}

export class MessageNotFoundError extends NotFoundError {
  constructor() {
    super('The message was not found');
  }
}

export class AttachmentNotFoundError extends NotFoundError {
  constructor() {
    super('The attachment was not found');
  }
}

export class NotTheSenderError extends ForbiddenError {
  constructor() {
    super('Only the sender may edit a message');
  }
}

export class DeleteNotAllowedError extends ForbiddenError {
  constructor() {
    super('Only the sender or a room owner or admin may delete a message');
  }
}

/** A deleted message is a tombstone: it cannot be edited. */
export class MessageDeletedError extends ConflictError {
  constructor() {
    super('The message was deleted');
  }
}

/** The 21st distinct reaction of a message. */
export class TooManyReactionsError extends ConflictError {
  constructor(max: number) {
    super(`A message has at most ${max} distinct reactions`);
  }
}

/** One or more referenced attachments cannot go with this message. */
export class InvalidAttachmentsError extends ValidationError {
  constructor(details: FieldIssue[]) {
    super(details, 'One or more attachments cannot be used');
  }
}

/** A WebSocket connection that realtime does not know (closed, or never authenticated). */
export class UnknownConnectionError extends UnauthenticatedError {
  constructor() {
    super('The connection is not authenticated');
  }
}

export function invalidField(field: string, message: string): ValidationError {
  return new ValidationError([{ field, message }]);
}

/** Listing a room's reports: the owner and admins only. */
export class NotRoomManagerError extends ForbiddenError {
  constructor() {
    super('Only the room owner or an admin may do this');
  }
}

/** A DM whose other member has blocked the sender: the sender may still read it, not post in it. */
export class BlockedInDirectMessageError extends ForbiddenError {
  constructor() {
    super('You cannot post in this conversation');
  }
}

/** Past a per-user rate limit (sends, reactions or attachment uploads): 429 with Retry-After. */
export class TooManyRequestsError extends RateLimitedError {
  constructor(what: string, retryAfterSeconds: number) {
    super(retryAfterSeconds, `Too many ${what}; try again in ${Math.max(1, Math.ceil(retryAfterSeconds))} s`);
  }
}
