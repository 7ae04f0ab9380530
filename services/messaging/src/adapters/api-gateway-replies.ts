import {
  ApiGatewayManagementApiClient,
  GoneException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';

export type ReplyOutcome = 'sent' | 'gone';

/** Answers a WebSocket client on its connection through API Gateway's `@connections` API. */
export interface ReplyChannel {
  send(connectionId: string, frame: object): Promise<ReplyOutcome>;
}

/** A 410 (the client left before the answer) is an outcome, not an error. */
export function apiGatewayReplies(client: ApiGatewayManagementApiClient): ReplyChannel {
  return {
    async send(connectionId, frame) {
      try {
        await client.send(
          new PostToConnectionCommand({ ConnectionId: connectionId, Data: JSON.stringify(frame) }),
        );
        return 'sent';
      } catch (error) {
        if (error instanceof GoneException || (error instanceof Error && error.name === 'GoneException')) {
          return 'gone';
        }
        throw error;
      }
    },
  };
}
