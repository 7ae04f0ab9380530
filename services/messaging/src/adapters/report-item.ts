import { reportReasonSchema } from '@chat/events';
import * as z from 'zod';
import type { ReportRecord } from '../domain/reports';

/**
 * A reports-table item and its reading back (from a Query or a stream image), apart from the table's adapter so
 * the outbox function, which reads stream images only, does not carry the DynamoDB client.
 */
const reportItemSchema = z.object({
  reportId: z.string().min(1),
  roomId: z.string().min(1),
  messageId: z.string().min(1),
  senderId: z.string().min(1),
  reporterId: z.string().min(1),
  reason: reportReasonSchema,
  note: z.string().nullable(),
  createdAt: z.string().min(1),
  correlationId: z.string().optional(),
});

export const reportKeyOf = (messageId: string, reporterId: string) => `${messageId}#${reporterId}`;

/** A stored report, from a Query or a stream image; a malformed item fails loudly. */
export function storedReportOf(item: Record<string, unknown>): {
  record: ReportRecord;
  correlationId?: string;
} {
  const { correlationId, ...record } = reportItemSchema.parse(item);
  return correlationId === undefined ? { record } : { record, correlationId };
}
