import type { NotificationRequested } from '@chat/events';
import { notificationFrame } from '../domain/server-frames';
import { deliverToUsers, type DeliveryDependencies } from './deliver';
import { DeliveryIncompleteError, type DeliveryReport } from '../domain/errors';

/** NotificationRequested → `{"type":"notification","notification"}` to every open connection of that user. */
export async function notifyUser(
  deps: DeliveryDependencies,
  requested: NotificationRequested,
  eventId: string,
): Promise<DeliveryReport> {
  const report = await deliverToUsers(deps, [requested.userId], notificationFrame(requested, eventId));
  if (report.failed > 0) throw new DeliveryIncompleteError(report);
  return report;
}
