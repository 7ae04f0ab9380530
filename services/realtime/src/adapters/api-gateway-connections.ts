import {
  ApiGatewayManagementApiClient,
  GoneException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { requireEnv } from '@chat/runtime';
import type { ConnectionMessenger } from '../use-cases/ports';

/** Sends frames through API Gateway's `@connections` API; a 410 (connection gone) is an outcome, not an error. */
export function apiGatewayConnections(client: ApiGatewayManagementApiClient): ConnectionMessenger {
  return {
    async send(connectionId, frame) {
      try {
        await client.send(
          new PostToConnectionCommand({ ConnectionId: connectionId, Data: JSON.stringify(frame) }),
        );
        return 'sent';
      } catch (error) {
        if (error instanceof GoneException) return 'gone';
        throw error;
      }
    },
  };
}

let fromEnvironment: ConnectionMessenger | undefined;

/** The messenger for this stage's WebSocket API (env WEBSOCKET_MANAGEMENT_ENDPOINT), built once on first use. */
export function connectionsFromEnvironment(): ConnectionMessenger {
  fromEnvironment ??= apiGatewayConnections(
    new ApiGatewayManagementApiClient({ endpoint: requireEnv('WEBSOCKET_MANAGEMENT_ENDPOINT') }),
  );
  return fromEnvironment;
}
