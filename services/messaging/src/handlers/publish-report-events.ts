import { buildEvent, messageReportedContract, outboxHandler, streamRecordEventId } from '@chat/events';
import { eventPublisher } from '../adapters/environment';
import { storedReportOf } from '../adapters/report-item';

/** The reports table's outbox: a new report → MessageReported (reports are never changed, only added). */
export const handler = outboxHandler('publishReportEvents', eventPublisher, (record, newItem) => {
  if (record.eventName !== 'INSERT' || !newItem) return [];
  const { record: report, correlationId } = storedReportOf(newItem);
  return [
    buildEvent(messageReportedContract, report, {
      producer: 'messaging.publish-report-events',
      eventId: streamRecordEventId(record),
      ...(correlationId === undefined ? {} : { correlationId }),
    }),
  ];
});
