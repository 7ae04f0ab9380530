import type { UserLoggedOut } from '@chat/events';
import type { Logger } from '@chat/runtime';
import { forEachConcurrently, retrying, type RetryPolicy } from './concurrency';
import { forgetGoneConnection } from './deliver';
import type { Clock, ConnectionDirectory, ConnectionMessenger, ConnectionStore } from './ports';

export interface CloseReport {
  closed: number;
  gone: number;
  /** Connections opened after the logout (with a token issued after it): left open. */
  kept: number;
}

/**
 * UserLoggedOut → closes the user's connections that were opened before `revokedBefore` (a connection opened
 * after it was authenticated with a token the logout does not revoke); they are read from the connections table
 * (its byUserId index), which has the time each opened. A connection already gone has its record deleted and is
 * unregistered; closing one makes API Gateway run `$disconnect`, which does that. Failures are retried, then thrown.
 */
export async function closeUserConnections(
  deps: {
    connections: ConnectionStore;
    directory: ConnectionDirectory;
    messenger: ConnectionMessenger;
    clock: Clock;
    retry: RetryPolicy;
    logger: Logger;
  },
  loggedOut: UserLoggedOut,
): Promise<CloseReport> {
  const revokedBefore = Date.parse(loggedOut.revokedBefore);
  const connections = await retrying(deps.retry, () => deps.connections.connectionsOf(loggedOut.userId));
  const report: CloseReport = { closed: 0, gone: 0, kept: 0 };
  const toClose = connections.filter((connection) => {
    const opened = Date.parse(connection.connectedAt);
    const revoked = Number.isNaN(opened) || opened < revokedBefore;
    if (!revoked) report.kept += 1;
    return revoked;
  });
  await forEachConcurrently(toClose, 10, async ({ connectionId }) => {
    const outcome = await retrying(deps.retry, () => deps.messenger.close(connectionId));
    if (outcome === 'sent') {
      report.closed += 1;
      return;
    }
    report.gone += 1;
    await forgetGoneConnection(deps, loggedOut.userId, connectionId);
  });
  return report;
}
