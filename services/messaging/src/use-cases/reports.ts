import { decodeCursor, encodeCursor, type Clock } from '@chat/runtime';
import { MessageDeletedError, MessageNotFoundError, NotRoomManagerError } from '../domain/errors';
import { isDeleted } from '../domain/message';
import {
  reportCursorSchema,
  toReport,
  type Report,
  type ReportReason,
  type ReportRecord,
} from '../domain/reports';
import { requireMember } from './membership';
import type { MembershipReader, MessageStore, ReportStore } from './ports';

export interface ReportDependencies {
  memberships: MembershipReader;
  messages: Pick<MessageStore, 'get'>;
  reports: ReportStore;
  clock: Clock;
  /** A new sortable id (a ULID) for a report. */
  reportId: () => string;
}

export interface ReportMessageInput {
  roomId: string;
  messageId: string;
  reporterId: string;
  reason: ReportReason;
  note: string | null;
  correlationId: string;
}

/**
 * `POST /rooms/{roomId}/messages/{messageId}/reports` (members): stores the report, whose insert the reports
 * table's stream publishes as MessageReported. Idempotent per reporter and message: reporting again answers the
 * same and stores (and publishes) nothing. A non-member gets 404 for the room, an unknown message 404, a
 * tombstone 409 (nothing is left to report).
 */
export async function reportMessage(deps: ReportDependencies, input: ReportMessageInput): Promise<void> {
  await requireMember(deps.memberships, input.roomId, input.reporterId);
  const message = await deps.messages.get(input.roomId, input.messageId);
  if (!message) throw new MessageNotFoundError();
  if (isDeleted(message)) throw new MessageDeletedError();
  const report: ReportRecord = {
    reportId: deps.reportId(),
    roomId: input.roomId,
    messageId: input.messageId,
    senderId: message.senderId,
    reporterId: input.reporterId,
    reason: input.reason,
    note: input.note,
    createdAt: deps.clock.now().toISOString(),
  };
  await deps.reports.add(report, input.correlationId);
}

export interface ReportPage {
  items: Report[];
  nextCursor: string | null;
}

/** `GET /rooms/{roomId}/reports?limit=&cursor=`: the owner and admins list the room's reports, newest first. */
export async function listReports(
  deps: Pick<ReportDependencies, 'memberships' | 'reports'>,
  input: { roomId: string; userId: string; limit: number; cursor?: string },
): Promise<ReportPage> {
  const after = input.cursor === undefined ? undefined : decodeCursor(input.cursor, reportCursorSchema);
  const membership = await requireMember(deps.memberships, input.roomId, input.userId);
  if (membership.role !== 'owner' && membership.role !== 'admin') throw new NotRoomManagerError();
  const page = await deps.reports.page(input.roomId, input.limit, after && { key: after.k, time: after.t });
  return {
    items: page.items.map(toReport),
    nextCursor: page.next ? encodeCursor({ k: page.next.key, t: page.next.time }) : null,
  };
}
