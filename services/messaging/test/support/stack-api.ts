import { localStack } from '../../../../tools/local/test/support/local-stack';
import { api, type ApiResponse, type ErrorBody } from '../../../../tools/local/test/support/api';
import { signedInUser, type SignedInUser } from '../../../../tools/local/test/support/users';
import type { Message } from '../../src/domain/message';

/** Helpers for integration tests against the running local stack (started by the jest global setup). */

export { api, type ApiResponse, type ErrorBody } from '../../../../tools/local/test/support/api';

export interface TestRoom {
  roomId: string;
  owner: SignedInUser;
  members: SignedInUser[];
}

/** A new public room of a new owner, which `memberCount` other new users join. */
export async function aRoom(memberCount = 1): Promise<TestRoom> {
  const [owner, ...members] = await Promise.all(
    Array.from({ length: memberCount + 1 }, () => signedInUser()),
  );
  if (!owner) throw new Error('no owner');
  const created = await api<{ roomId: string }>('POST', '/rooms', {
    user: owner,
    body: { name: `messaging-test-${Date.now()}`, visibility: 'public' },
  });
  if (created.status !== 201)
    throw new Error(`POST /rooms answered ${created.status}: ${JSON.stringify(created.body)}`);
  const { roomId } = created.body;
  for (const member of members) await join(roomId, member);
  return { roomId, owner, members };
}

export async function join(roomId: string, user: SignedInUser): Promise<void> {
  const joined = await api('POST', `/rooms/${roomId}/members`, { user, body: {} });
  if (joined.status !== 200)
    throw new Error(`join answered ${joined.status}: ${JSON.stringify(joined.body)}`);
}

export function send(
  roomId: string,
  user: SignedInUser,
  body: Record<string, unknown>,
): Promise<ApiResponse<Message & ErrorBody>> {
  return api('POST', `/rooms/${roomId}/messages`, { user, body });
}

/** Sends a message that must be stored, returning it. */
export async function sent(roomId: string, user: SignedInUser, text: string): Promise<Message> {
  const response = await send(roomId, user, { text });
  if (response.status !== 201)
    throw new Error(`send answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body;
}

export interface BusEvent {
  event: {
    'detail-type': string;
    source: string;
    detail: { metadata: { eventId: string; correlationId: string }; data: Record<string, unknown> };
  };
}

/** The events of a detail-type the local EventBridge accepted so far (oldest first). */
export async function busEvents(detailType: string): Promise<BusEvent[]> {
  const response = await fetch(
    `${localStack().eventBridge}/_local/events?detailType=${encodeURIComponent(detailType)}`,
    {
      signal: AbortSignal.timeout(10_000),
    },
  );
  return ((await response.json()) as { items: BusEvent[] }).items;
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The events of `detailType` about one message, once at least one was published. */
export function eventsAbout(detailType: string, messageId: string): Promise<BusEvent[]> {
  return eventually(`${detailType} of ${messageId}`, async () => {
    const matching = (await busEvents(detailType)).filter((e) => e.event.detail.data.messageId === messageId);
    return matching.length > 0 ? matching : undefined;
  });
}
