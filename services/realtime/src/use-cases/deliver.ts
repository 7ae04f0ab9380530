import { METRIC, type Logger, type Metrics } from '@chat/runtime';
import { forEachConcurrently, retrying, type RetryPolicy } from './concurrency';
import type { DeliveryReport } from '../domain/errors';
import type { Clock, ConnectionDirectory, ConnectionMessenger, ConnectionStore, ServerFrame } from './ports';

/**
 * A connection younger than this that answers 410 is left alone: `$connect` has registered it but API Gateway
 * may not have finished its handshake yet (a post in that moment is refused as gone). Stale ones older than
 * this are cleaned up; a young one that really vanished is cleaned by a later fan-out or its TTL.
 */
export const GONE_GRACE_MS = 30_000;

export interface DeliveryDependencies {
  connections: ConnectionStore;
  directory: ConnectionDirectory;
  messenger: ConnectionMessenger;
  clock: Clock;
  /** Posts in flight at once. */
  concurrency: number;
  retry: RetryPolicy;
  logger: Logger;
  /** FramesDelivered, GoneConnections, FramesFailed, FanOutDuration and FanOutSize (none: not measured). */
  metrics?: Metrics;
}

/**
 * Posts `frame` to every open connection of every user in `userIds`: their connection ids come from the
 * directory in batches (a user with none is offline and costs nothing more), then at most `concurrency` posts run
 * at once. A connection that is gone (410) has its record deleted and is unregistered; any other failure is
 * retried per `retry`, then counted as failed (the caller decides whether that fails the invocation). A directory
 * that cannot be read fails the delivery.
 */
export async function deliverToUsers(
  deps: DeliveryDependencies,
  userIds: readonly string[],
  frame: ServerFrame,
): Promise<DeliveryReport> {
  const report: DeliveryReport = { recipients: userIds.length, sent: 0, gone: 0, failed: 0 };
  if (userIds.length === 0) return report;
  const started = deps.clock.now().getTime();
  const routes = await retrying(deps.retry, () => deps.directory.connectionsOf(userIds));
  const targets = [...routes].flatMap(([userId, connectionIds]) =>
    connectionIds.map((connectionId) => ({ userId, connectionId })),
  );

  await forEachConcurrently(targets, deps.concurrency, async ({ userId, connectionId }) => {
    try {
      const outcome = await retrying(deps.retry, () => deps.messenger.send(connectionId, frame));
      if (outcome === 'sent') {
        report.sent += 1;
        return;
      }
      report.gone += 1;
    } catch (error) {
      report.failed += 1;
      deps.logger.warn('frame not delivered', { userId, connectionId, error });
      return;
    }
    await forgetGoneConnection(deps, userId, connectionId);
  });
  recordDelivery(deps.metrics, report, targets.length, deps.clock.now().getTime() - started);
  return report;
}

function recordDelivery(
  metrics: Metrics | undefined,
  report: DeliveryReport,
  connections: number,
  durationMs: number,
): void {
  if (!metrics) return;
  metrics.count(METRIC.framesDelivered, report.sent);
  metrics.count(METRIC.goneConnections, report.gone);
  if (report.failed > 0) metrics.count(METRIC.framesFailed, report.failed);
  metrics.value(METRIC.fanOutSize, connections);
  metrics.milliseconds(METRIC.fanOutDuration, durationMs);
}

/**
 * A connection API Gateway no longer knows (410): its record goes, and it leaves the directory, unless it opened
 * less than GONE_GRACE_MS ago (its handshake may still be completing).
 */
export async function forgetGoneConnection(
  deps: Pick<DeliveryDependencies, 'connections' | 'directory' | 'clock' | 'retry' | 'logger'>,
  userId: string,
  connectionId: string,
): Promise<void> {
  const openedBefore = new Date(deps.clock.now().getTime() - GONE_GRACE_MS).toISOString();
  try {
    const outcome = await retrying(deps.retry, () => deps.connections.removeGone(connectionId, openedBefore));
    if (outcome === 'kept') {
      deps.logger.info('young connection answered gone, kept', { userId, connectionId });
      return;
    }
    await retrying(deps.retry, () => deps.directory.unregister(userId, connectionId));
    deps.logger.info('gone connection removed', { userId, connectionId });
  } catch (error) {
    deps.logger.warn('gone connection not removed', { userId, connectionId, error });
  }
}
