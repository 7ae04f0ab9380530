import { fieldIssuesOf } from '@chat/http';
import {
  domainErrorFrame,
  isDomainError,
  parseFrameBody,
  ValidationError,
  type RateLimit,
  type RateLimiter,
} from '@chat/runtime';
import { typingFrameSchema } from '../domain/requests';
import { typingFrame } from '../domain/server-frames';
import { deliverToUsers, type DeliveryDependencies } from './deliver';
import { RoomNotFoundError, UnknownConnectionError, type DeliveryReport } from '../domain/errors';
import type { IdGenerator, MembershipReader, ServerFrame } from './ports';

/** Typing frames forwarded per user and room: one per interval (API.md "Safety": every 2 s). */
export const DEFAULT_TYPING_INTERVAL_SECONDS = 2;

export interface TypingLimit {
  limiter: RateLimiter;
  /** `limit` 1 per `windowSeconds`, counted per user and room. */
  typing: RateLimit;
}

export interface TypingDependencies extends DeliveryDependencies {
  memberships: MembershipReader;
  limits: TypingLimit;
  ids: IdGenerator;
  /** Members read per Query. */
  pageSize: number;
  /** Typing is a hint: in a huge room only this many members get it. */
  maxRecipients: number;
}

export type TypingOutcome =
  | { kind: 'delivered'; roomId: string; userId: string; report: DeliveryReport }
  | { kind: 'refused'; reply: ServerFrame }
  /** Another typing frame of this user and room was forwarded less than the interval ago: nothing is sent. */
  | { kind: 'dropped'; roomId: string; userId: string };

/**
 * `{"action":"typing","roomId"}`: the connection's user must be a member of the room (told by the members' first
 * page, a consistent Query that also gives the recipients; a read of the membership only when the user's id sorts
 * after that page); then every other member's open connections get `{"type":"typing","roomId","userId","eventId"}`
 * (not the caller's own connections). A refusal is an error frame for the caller: VALIDATION_FAILED,
 * UNAUTHENTICATED (no record of the connection) or NOT_FOUND (not a member; a private room does not leak).
 * At most one frame per user and room per interval is forwarded; the others are dropped silently after the
 * membership check (a refusal is always answered; a flood costs the two reads, of the connection and of the
 * members' first page, and, once this sandbox has seen the window full, no write).
 */
export async function sendTyping(
  deps: TypingDependencies & {
    ownerOf: (connectionId: string) => Promise<{ userId: string } | undefined>;
  },
  input: { connectionId: string; body: string | undefined },
): Promise<TypingOutcome> {
  const parsed = typingFrameSchema.safeParse(parseFrameBody(input.body));
  try {
    if (!parsed.success) throw new ValidationError(fieldIssuesOf(parsed.error));
    const { roomId } = parsed.data;
    const owner = await deps.ownerOf(input.connectionId);
    if (!owner) throw new UnknownConnectionError();
    // The members' first page tells whether the caller is one (it is read anyway, for the recipients): one read
    // of the memberships, not two. Only when the caller's id sorts after that page is its membership read.
    const first = await deps.memberships.membersPage(roomId, { limit: deps.pageSize });
    const member = first.items.includes(owner.userId)
      ? true
      : first.next === undefined || owner.userId <= first.next
        ? false
        : await deps.memberships.isMember(roomId, owner.userId);
    if (!member) throw new RoomNotFoundError();
    const allowance = await deps.limits.limiter.take(deps.limits.typing, `${owner.userId}#${roomId}`);
    if (!allowance.allowed) return { kind: 'dropped', roomId, userId: owner.userId };

    const others = first.items.filter((userId) => userId !== owner.userId);
    let after = first.next;
    while (after !== undefined && others.length < deps.maxRecipients) {
      const page = await deps.memberships.membersPage(roomId, { after, limit: deps.pageSize });
      others.push(...page.items.filter((userId) => userId !== owner.userId));
      after = page.next;
    }

    const frame = typingFrame(roomId, owner.userId, deps.ids.next());
    const report = await deliverToUsers(deps, others.slice(0, deps.maxRecipients), frame);
    return { kind: 'delivered', roomId, userId: owner.userId, report };
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return { kind: 'refused', reply: domainErrorFrame(error) };
  }
}
