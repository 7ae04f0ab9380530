import type { EventContract, EventData } from './contract';
import { messageDeletedContract } from './message-deleted';
import { messageEditedContract } from './message-edited';
import { messageSentContract } from './message-sent';
import { notificationRequestedContract, notificationRequestedV1Contract } from './notification-requested';
import { presenceChangedContract } from './presence-changed';
import { reactionChangedContract } from './reaction-changed';
import { readMarkerMovedContract } from './read-marker-moved';
import { roomCreatedContract } from './room-created';
import { roomUpdatedContract } from './room-updated';
import { userJoinedContract } from './user-joined';
import { userBlockedContract } from './user-blocked';
import { userLeftContract } from './user-left';
import { userLoggedOutContract } from './user-logged-out';
import { userRegisteredContract } from './user-registered';
import { messageReportedContract } from './message-reported';
import { userBannedContract } from './user-banned';
import { userDeletedContract } from './user-deleted';
import { userUnblockedContract } from './user-unblocked';

/** The current version of every event, by detail-type. */
export const eventContracts = {
  UserRegistered: userRegisteredContract,
  UserLoggedOut: userLoggedOutContract,
  RoomCreated: roomCreatedContract,
  RoomUpdated: roomUpdatedContract,
  UserJoined: userJoinedContract,
  UserLeft: userLeftContract,
  MessageSent: messageSentContract,
  MessageEdited: messageEditedContract,
  MessageDeleted: messageDeletedContract,
  ReactionChanged: reactionChangedContract,
  ReadMarkerMoved: readMarkerMovedContract,
  PresenceChanged: presenceChangedContract,
  NotificationRequested: notificationRequestedContract,
  // Safety: bans, reports, account closing.
  UserBanned: userBannedContract,
  MessageReported: messageReportedContract,
  UserDeleted: userDeletedContract,
  UserBlocked: userBlockedContract,
  UserUnblocked: userUnblockedContract,
} as const;

export type EventContracts = typeof eventContracts;
export type EventDetailType = keyof EventContracts;
/** The `data` type of the current version of each event, by detail-type. */
export type EventDataMap = { [K in EventDetailType]: EventData<EventContracts[K]> };

/**
 * Older versions still published while their consumers migrate (a producer then publishes both
 * versions). Move a version here when its successor replaces it in `eventContracts`; drop it once no
 * consumer subscribes to it.
 */
const supersededContracts: readonly EventContract[] = [notificationRequestedV1Contract];

/** Every published version of every event: each has a JSON Schema doc and a compatibility snapshot. */
export const publishedContracts: readonly EventContract[] = [
  ...Object.values(eventContracts),
  ...supersededContracts,
];

/** The contract of a given detail-type and version, if it is published. */
export function findContract(detailType: string, version: number): EventContract | undefined {
  return publishedContracts.find((c) => c.detailType === detailType && c.version === version);
}
