import { createHash } from 'node:crypto';

/** The id prefix of direct-message rooms; room ids of ordinary rooms are ULIDs and never start with it. */
export const DM_ROOM_ID_PREFIX = 'dm_';

/**
 * The room id of the direct-message room of two users: derived from the sorted pair, so the same two users
 * always get the same room, whoever opens it first, and a repeated or concurrent request cannot make a second.
 */
export function directMessageRoomId(userA: string, userB: string): string {
  const [first, second] = [userA, userB].sort();
  const digest = createHash('sha256').update(`${first}\n${second}`, 'utf8').digest('hex');
  return `${DM_ROOM_ID_PREFIX}${digest.slice(0, 32)}`;
}
