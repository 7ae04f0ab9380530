import { deliverToUsers, type DeliveryDependencies } from './deliver';
import { DeliveryIncompleteError, type DeliveryReport } from '../domain/errors';
import type { FanOutContinuations, MembershipReader, RoomFanOutJob } from './ports';

export interface RoomFanOutDependencies extends DeliveryDependencies {
  memberships: MembershipReader;
  continuations: FanOutContinuations;
  /** Members per invocation (one Query page of the memberships table). */
  pageSize: number;
}

export interface RoomFanOutResult extends DeliveryReport {
  page: number;
  /** Whether a later page was handed to another invocation. */
  continued: boolean;
}

/**
 * One page of a room fan-out: reads up to `pageSize` members (the room's current members: someone who left or
 * was kicked is not among them), hands the rest of the room to another invocation first (so a very large room
 * is spread over invocations instead of timing out one), then posts the frame to every open connection of those
 * members, and on the first page to `alsoNotify` too. Fails when a frame could not be delivered after retries.
 */
export async function fanOutToRoom(
  deps: RoomFanOutDependencies,
  job: RoomFanOutJob,
  causedBy: { eventId: string; correlationId: string },
): Promise<RoomFanOutResult> {
  const members = await deps.memberships.membersPage(job.roomId, {
    ...(job.after === undefined ? {} : { after: job.after }),
    limit: deps.pageSize,
  });
  const continued = members.next !== undefined;
  if (members.next !== undefined) {
    await deps.continuations.continueLater(
      { ...job, alsoNotify: [], after: members.next, page: job.page + 1 },
      causedBy,
    );
  }
  const recipients = [...new Set([...members.items, ...(job.page === 1 ? job.alsoNotify : [])])];
  const report = await deliverToUsers(deps, recipients, job.frame);
  if (report.failed > 0) throw new DeliveryIncompleteError(report);
  return { ...report, page: job.page, continued };
}
