import type { ReadMarkerMoved } from '@chat/events';
import { readUpdatedFrame } from '../domain/server-frames';
import { deliverToUsers, type DeliveryDependencies } from './deliver';
import { DeliveryIncompleteError, type DeliveryReport } from '../domain/errors';
import type { MembershipReader } from './ports';

/** Rooms of at most this many members tell every member who read what; larger ones only the reader's devices. */
export const RECEIPTS_ROOM_LIMIT = 100;

export interface ReadReceiptDependencies extends DeliveryDependencies {
  memberships: MembershipReader;
}

export interface ReadReceiptResult extends DeliveryReport {
  /** 'room': every member's connections; 'reader': the reader's own (a room of more than 100 members). */
  audience: 'room' | 'reader';
}

/**
 * ReadMarkerMoved → `read.updated` to every open connection of every member when the room has at most
 * RECEIPTS_ROOM_LIMIT members (one Query page of RECEIPTS_ROOM_LIMIT + 1 tells), else to the reader's own
 * connections only: read state follows the user across devices. Fails when a frame could not be delivered.
 */
export async function fanOutReadReceipt(
  deps: ReadReceiptDependencies,
  moved: ReadMarkerMoved,
  eventId: string,
): Promise<ReadReceiptResult> {
  const members = await deps.memberships.membersPage(moved.roomId, { limit: RECEIPTS_ROOM_LIMIT + 1 });
  const small = members.next === undefined && members.items.length <= RECEIPTS_ROOM_LIMIT;
  const recipients = small ? [...new Set([...members.items, moved.userId])] : [moved.userId];
  const report = await deliverToUsers(deps, recipients, readUpdatedFrame(moved, eventId));
  if (report.failed > 0) throw new DeliveryIncompleteError(report);
  return { ...report, audience: small ? 'room' : 'reader' };
}
