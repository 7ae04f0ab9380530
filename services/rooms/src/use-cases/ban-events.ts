import { buildEvent, userBannedContract, type EventEnvelope } from '@chat/events';
import type { BanRecord } from '../domain/bans';
import type { Stored, StoredChange } from './stream-events';

/** The bans table's outbox: a new ban → UserBanned. Lifting a ban (a delete) publishes nothing. */
export function banEventsOf(change: StoredChange<Stored<BanRecord>>): EventEnvelope[] {
  const { newImage } = change;
  if (change.eventName !== 'INSERT' || !newImage) return [];
  const { roomId, userId, bannedBy, reason } = newImage.record;
  return [
    buildEvent(
      userBannedContract,
      { roomId, userId, bannedBy, reason },
      {
        producer: 'rooms.publish-ban-events',
        eventId: change.eventId,
        ...(newImage.correlationId === undefined ? {} : { correlationId: newImage.correlationId }),
      },
    ),
  ];
}
