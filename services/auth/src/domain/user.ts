/** `User` of API.md: the public profile. */
export interface User {
  userId: string;
  username: string;
  displayName: string;
  createdAt: string;
}

/** A stored account: the profile plus what only the owner and the auth service see. */
export interface UserRecord extends User {
  email: string;
}

export function toUser(record: UserRecord): User {
  return {
    userId: record.userId,
    username: record.username,
    displayName: record.displayName,
    createdAt: record.createdAt,
  };
}
