import {
  ApiGatewayManagementApiClient,
  DeleteConnectionCommand,
  GoneException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import type { ConnectionMessenger } from '../use-cases/ports';

const isGone = (error: unknown) =>
  error instanceof GoneException || (error instanceof Error && error.name === 'GoneException');

/**
 * Sends frames through API Gateway's `@connections` API (PostToConnection) and closes connections
 * (DeleteConnection); a 410 (connection gone) is an outcome, not an error. The client's own retries are off:
 * the use cases retry with their own bounded policy.
 */
export function apiGatewayConnections(client: ApiGatewayManagementApiClient): ConnectionMessenger {
  return {
    async send(connectionId, frame) {
      try {
        await client.send(
          new PostToConnectionCommand({ ConnectionId: connectionId, Data: JSON.stringify(frame) }),
        );
        return 'sent';
      } catch (error) {
        if (isGone(error)) return 'gone';
        throw error;
      }
    },
    async close(connectionId) {
      try {
        await client.send(new DeleteConnectionCommand({ ConnectionId: connectionId }));
        return 'sent';
      } catch (error) {
        if (isGone(error)) return 'gone';
        throw error;
      }
    },
  };
}
