import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  RateLimitedError,
  ValidationError,
} from '@chat/runtime';

/** No such room, an archived one, or a private room (or DM) the caller is not in: never leak existence. */
export class RoomNotFoundError extends NotFoundError {
  constructor() {
    super('Room not found');
  }
}

/** The user to remove or whose role to change is not a member; also leaving a room one is not in. */
export class MemberNotFoundError extends NotFoundError {
  constructor() {
    super('Member not found');
  }
}

/** No registered user with that id (invites and DMs). */
export class UserNotFoundError extends NotFoundError {
  constructor() {
    super('User not found');
  }
}

export class NotRoomManagerError extends ForbiddenError {
  constructor() {
    super('Only the room owner or an admin may do this');
  }
}

export class NotRoomOwnerError extends ForbiddenError {
  constructor() {
    super('Only the room owner may do this');
  }
}

/** Seeing the members of a public room one has not joined. */
export class NotRoomMemberError extends ForbiddenError {
  constructor() {
    super('Only members may do this');
  }
}

export class OwnerCannotBeRemovedError extends ForbiddenError {
  constructor() {
    super('The room owner cannot be removed');
  }
}

export class OwnerRoleUnchangeableError extends ForbiddenError {
  constructor() {
    super("The room owner's role cannot be changed");
  }
}

/** A DM has exactly its two members for good: no renaming, joining, inviting, leaving or kicking. */
export class DirectMessageRoomError extends ForbiddenError {
  constructor() {
    super('A direct-message room cannot be changed');
  }
}

export class DirectMessageToSelfError extends ValidationError {
  constructor() {
    super([{ field: 'userId', message: 'A direct message needs another user' }]);
  }
}

/** The room kept changing under a request (retries exhausted): the client may try again. */
export class ConcurrentChangeError extends ConflictError {
  constructor() {
    super('The room changed at the same time; try again');
  }
}

/** A banned user joining, or being invited to, a room they are banned from. */
export class UserBannedError extends ForbiddenError {
  constructor(subject: 'caller' | 'invitee') {
    super(subject === 'caller' ? 'You are banned from this room' : 'This user is banned from this room');
  }
}

/** Banning the room's owner (never allowed), or an admin by someone other than the owner. */
export class BanNotAllowedError extends ForbiddenError {
  constructor(target: 'owner' | 'admin') {
    super(target === 'owner' ? 'The room owner cannot be banned' : 'Only the room owner may ban an admin');
  }
}

/** Blocking oneself: 400 naming the path's `userId`. */
export class BlockSelfError extends ValidationError {
  constructor() {
    super([{ field: 'userId', message: 'You cannot block yourself' }]);
  }
}

/** The other user has blocked the caller: no DM with them. */
export class BlockedByUserError extends ForbiddenError {
  constructor() {
    super('You cannot open a conversation with this user');
  }
}

/** Past the per-user room creation limit: 429 with Retry-After. */
export class RoomCreationLimitedError extends RateLimitedError {
  constructor(retryAfterSeconds: number) {
    super(retryAfterSeconds, 'Too many rooms created; try again later');
  }
}
