import type { MessageSent } from '@chat/events';
import type { Logger } from '@chat/runtime';
import { isDirectMessageRoom, notificationOf, type NotificationKind } from '../domain/notification';
import { DEFAULT_PREFERENCES, isMuted, type Preferences } from '../domain/preferences';
import { countsAsOffline } from '../domain/presence';
import { inBatches } from './batches';
import type { BlockReader, Cause, Inbox, MembershipReader, PreferencesStore, PresenceStore } from './ports';

export interface NotifyMessageDependencies {
  memberships: MembershipReader;
  blocks: BlockReader;
  preferences: PreferencesStore;
  presence: PresenceStore;
  inbox: Inbox;
  logger: Logger;
}

export type SkipReason = 'sender' | 'blocked' | 'not-a-member' | 'muted' | 'online' | 'already-notified';

export interface NotifyOutcome {
  /** Users who got a new inbox item, with its kind. */
  notified: { userId: string; kind: NotificationKind }[];
  skipped: { userId: string; reason: SkipReason }[];
}

/** Most distinct users one message notifies (messaging resolves at most 20 mentions; this bounds a bad event). */
export const MAX_RECIPIENTS = 100;
/** Members read from a DM room: two belong to it; more would be a bug upstream. */
const DM_MEMBERS_READ = 3;
/** Recipients handled at once. */
const CONCURRENCY = 10;

/**
 * The candidates of a message, one kind each: every mentioned user (`mention`); for a reply, its parent's
 * author (`reply`, unless also mentioned); in a DM room, the other member (`dm`, unless mentioned or replied
 * to). So a user gets one notification per message, of the most specific kind: mention, then reply, then dm.
 * The sender is never one.
 */
async function candidatesOf(
  deps: Pick<NotifyMessageDependencies, 'memberships'>,
  message: MessageSent,
): Promise<{ candidates: Map<string, NotificationKind>; dmMembers: Set<string> }> {
  const candidates = new Map<string, NotificationKind>();
  for (const userId of message.mentions) candidates.set(userId, 'mention');
  const threadAuthor = message.threadId === undefined ? undefined : message.threadAuthorId;
  if (threadAuthor !== undefined && !candidates.has(threadAuthor)) candidates.set(threadAuthor, 'reply');
  const dmMembers = new Set<string>();
  if (isDirectMessageRoom(message.roomId)) {
    const members = await deps.memberships.membersPage(message.roomId, { limit: DM_MEMBERS_READ });
    for (const userId of members.items) {
      if (userId === message.senderId) continue;
      dmMembers.add(userId);
      if (!candidates.has(userId)) candidates.set(userId, 'dm');
    }
  }
  return { candidates, dmMembers };
}

/**
 * MessageSent → inbox items. For each mentioned member, the author of a reply's parent and, in a DM room, the
 * other member while offline:
 * one inbox item, written with a conditional put on (userId, messageId), so a redelivered or retried
 * message adds nothing. Never the sender; never a user who has blocked the sender (one consistent read of rooms'
 * blocks table for all the candidates); never a non-member (checked again, strongly consistent, on
 * rooms' memberships table); never a user who muted the room. The events and SNS publishes follow from the
 * inbox table's stream (one per new item).
 */
export async function notifyMessage(
  deps: NotifyMessageDependencies,
  message: MessageSent,
  cause: Cause,
): Promise<NotifyOutcome> {
  const outcome: NotifyOutcome = { notified: [], skipped: [] };
  const { candidates, dmMembers } = await candidatesOf(deps, message);
  if (candidates.delete(message.senderId))
    outcome.skipped.push({ userId: message.senderId, reason: 'sender' });
  let recipients = [...candidates];
  if (recipients.length > MAX_RECIPIENTS) {
    deps.logger.warn('too many recipients, only the first are notified', {
      messageId: message.messageId,
      recipients: recipients.length,
      max: MAX_RECIPIENTS,
    });
    recipients = recipients.slice(0, MAX_RECIPIENTS);
  }
  const blockers = await deps.blocks.blockersOf(
    message.senderId,
    recipients.map(([userId]) => userId),
  );
  for (const userId of blockers) outcome.skipped.push({ userId, reason: 'blocked' });
  recipients = recipients.filter(([userId]) => !blockers.has(userId));

  await inBatches(recipients, CONCURRENCY, async ([userId, kind]) => {
    const decision = await reasonToSkip(deps, message, userId, kind, dmMembers.has(userId));
    if (typeof decision === 'string') {
      outcome.skipped.push({ userId, reason: decision });
      return;
    }
    const added = await deps.inbox.add({
      userId,
      notification: notificationOf(userId, kind, message),
      cause,
      channels: { email: decision.email, push: decision.push },
    });
    if (added) outcome.notified.push({ userId, kind });
    else outcome.skipped.push({ userId, reason: 'already-notified' });
  });
  return outcome;
}

/**
 * Why the user is not notified, or the preferences read to tell (kept on the inbox item for its delivery, so
 * that it does not read them again).
 */
async function reasonToSkip(
  deps: NotifyMessageDependencies,
  message: MessageSent,
  userId: string,
  kind: NotificationKind,
  knownMember: boolean,
): Promise<SkipReason | Preferences> {
  const member = knownMember || (await deps.memberships.isMember(message.roomId, userId));
  if (!member) return 'not-a-member';
  const preferences = (await deps.preferences.get(userId)) ?? DEFAULT_PREFERENCES;
  if (isMuted(preferences, message.roomId)) return 'muted';
  if (kind === 'dm' && !countsAsOffline(await deps.presence.statusOf(userId))) return 'online';
  return preferences;
}
