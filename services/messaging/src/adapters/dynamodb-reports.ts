import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { conditionalWrite } from '@chat/aws';
import type { ReportStore } from '../use-cases/ports';
import { INDEXES } from './names';
import { reportKeyOf, storedReportOf } from './report-item';

/**
 * The reports table: `roomId` + `reportKey` (`<messageId>#<reporterId>`: one report per reporter and message, a
 * conditional put); LSI `byTime` (`roomId`, `reportedAt` = `<createdAt>#<reportId>`): a room's reports newest
 * first. Its stream is the MessageReported outbox.
 */
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
