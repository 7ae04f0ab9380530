/**
 * What any id of the system can look like (ULIDs, `dm_…` room ids, user pool subs): 1 to 128 characters of
 * `A-Z a-z 0-9 _ -`. Every id that comes from a client (path, query string, body) is checked against it before
 * it becomes a key, so nothing a key could not hold (empty, over DynamoDB's 2,048-byte limit) reaches a table.
 */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

/** The rule of ID_PATTERN in words, for validation messages. */
export const ID_RULE = '1 to 128 characters of A-Z a-z 0-9 _ -';

export function isId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

/** Whether a room id is a DM's: rooms derives those from the pair of users, always with the prefix `dm_`. */
export function isDirectMessageRoomId(roomId: string): boolean {
  return roomId.startsWith('dm_');
}
