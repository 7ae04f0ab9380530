import { randomBytes } from 'node:crypto';
import { signedInUser, type HttpClient } from '@chat/testing';
import { mapLimit } from './concurrency';

export interface BenchUser {
  userId: string;
  accessToken: string;
}

/** `count` new users of one run (`<random prefix><index>`), registered and logged in through REST, 8 at a time. */
export async function benchUsers(
  http: HttpClient,
  count: number,
  log: (line: string) => void,
): Promise<BenchUser[]> {
  const prefix = `b${randomBytes(3).toString('hex')}u`;
  log(`registering ${count} users …`);
  return mapLimit(Array.from({ length: count }), 8, (_, i) =>
    signedInUser({ username: `${prefix}${i}` }, http),
  );
}
