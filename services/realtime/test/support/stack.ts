import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { busEvents, eventually, stackDocumentClient, type BusEvent } from '@chat/testing';

/** realtime's own helpers for its integration tests (the shared ones are in @chat/testing). */

/** realtime's tables on the local stage. */
export const CONNECTIONS_TABLE = 'chat-realtime-local-connections';
export const PRESENCE_TABLE = 'chat-realtime-local-presence';

let documentClient: DynamoDBDocumentClient | undefined;

/** One DynamoDB client on the stack's DynamoDB Local per test file, for looking at (and staging) table items. */
export function dynamo(): DynamoDBDocumentClient {
  documentClient ??= stackDocumentClient();
  return documentClient;
}

export function closeDynamo(): void {
  documentClient?.destroy();
  documentClient = undefined;
}

/** The statuses PresenceChanged published for a user, in order. */
export async function presenceTransitions(userId: string): Promise<string[]> {
  return (await busEvents('PresenceChanged'))
    .filter((e) => e.event.detail.data.userId === userId)
    .map((e) => String(e.event.detail.data.status));
}

/**
 * Waits until realtime's fan-out of the `detailType` event matching `where` has finished (its delivery to the
 * function succeeded): every frame it posted is then on its socket, so a frame posted later to the same socket
 * arrives after it.
 */
export function fannedOut(
  detailType: string,
  where: (data: Record<string, unknown>) => boolean,
  target = 'realtime.fanOutRoomEvent',
): Promise<BusEvent> {
  return eventually(
    async () =>
      (await busEvents(detailType)).find(
        (e) =>
          where(e.event.detail.data) &&
          e.deliveries.some((d) => d.target === target && d.status === 'succeeded'),
      ),
    { what: `realtime's fan-out of ${detailType}` },
  );
}
