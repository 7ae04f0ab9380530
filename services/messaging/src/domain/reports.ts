import * as z from 'zod';
import type { reportReasonSchema } from '@chat/events';

export type ReportReason = z.infer<typeof reportReasonSchema>;

/** A member's report of a message (the reports table; one per reporter and message). */
export interface ReportRecord {
  reportId: string;
  roomId: string;
  messageId: string;
  /** The reported message's sender (for moderators and the MessageReported event). */
  senderId: string;
  reporterId: string;
  reason: ReportReason;
  /** The reporter's note; null when none was given. */
  note: string | null;
  createdAt: string;
}

/** API shape: `{reportId, messageId, reporterId, reason, note, createdAt}` (plus `senderId`, additive). */
export interface Report {
  reportId: string;
  messageId: string;
  senderId: string;
  reporterId: string;
  reason: ReportReason;
  note: string | null;
  createdAt: string;
}

export function toReport(record: ReportRecord): Report {
  return {
    reportId: record.reportId,
    messageId: record.messageId,
    senderId: record.senderId,
    reporterId: record.reporterId,
    reason: record.reason,
    note: record.note,
    createdAt: record.createdAt,
  };
}

/** `GET /rooms/{roomId}/reports`: `limit` 1–100, 50 by default. */
export const REPORTS_DEFAULT_LIMIT = 50;
export const REPORTS_MAX_LIMIT = 100;

/** Where a page of reports ended: the last report's key (`<messageId>#<reporterId>`) and time key. */
export interface ReportPosition {
  key: string;
  time: string;
}

/** The opaque cursor's content: `{k, t}` of a ReportPosition. */
export const reportCursorSchema = z.strictObject({
  k: z.string().min(1).max(300),
  t: z.string().min(1).max(100),
});
