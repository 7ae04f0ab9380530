import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { conditionalWrite } from '@chat/aws';
import { reportReasonSchema } from '@chat/events';
import * as z from 'zod';
import type { ReportRecord } from '../domain/reports';
import type { ReportStore } from '../use-cases/ports';
import { INDEXES } from './names';

/**
 * The reports table: `roomId` + `reportKey` (`<messageId>#<reporterId>`: one report per reporter and message, a
 * conditional put); LSI `byTime` (`roomId`, `reportedAt` = `<createdAt>#<reportId>`): a room's reports newest
 * first. Its stream is the MessageReported outbox.
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

export function dynamoReports(client: DynamoDBDocumentClient, tableName: string): ReportStore {
  return {
    async add(report, correlationId) {
      const stored = await conditionalWrite(
        client.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...report,
              reportKey: reportKeyOf(report.messageId, report.reporterId),
              reportedAt: `${report.createdAt}#${report.reportId}`,
              correlationId,
            },
            ConditionExpression: 'attribute_not_exists(reportKey)',
          }),
        ),
      );
      return stored ? 'added' : 'exists';
    },

    async page(roomId, limit, after) {
      const output = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: INDEXES.reportsByTime,
          KeyConditionExpression: 'roomId = :roomId',
          ExpressionAttributeValues: { ':roomId': roomId },
          ScanIndexForward: false,
          Limit: limit,
          ...(after ? { ExclusiveStartKey: { roomId, reportKey: after.key, reportedAt: after.time } } : {}),
        }),
      );
      const items = output.Items ?? [];
      const last = items.at(-1);
      return {
        items: items.map((item) => storedReportOf(item).record),
        ...(output.LastEvaluatedKey && last
          ? { next: { key: String(last.reportKey), time: String(last.reportedAt) } }
          : {}),
      };
    },
  };
}
