import { DeleteCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  aRoomWithMembers,
  api,
  closeAllSockets,
  connect,
  stackDocumentClient,
  type TestSocket,
} from '@chat/testing';
import type { Message } from '../../src/domain/message';

/** realtime's connections table on the local stack (messaging only reads it; its `$connect` writes it). */
const CONNECTIONS_TABLE = 'chat-realtime-local-connections';

interface Frame {
  type: string;
  clientMessageId?: string;
  message?: Message;
  error?: { code: string; message: string };
}

type Client = TestSocket<Frame>;

let documentClient: DynamoDBDocumentClient;

beforeAll(() => {
  documentClient = stackDocumentClient();
});

afterAll(async () => {
  await closeAllSockets();
  documentClient.destroy();
});

/** The first frame received about `clientMessageId`. */
const answerTo = (client: Client, clientMessageId: string) =>
  client.first((frame) => frame.clientMessageId === clientMessageId, `an answer to ${clientMessageId}`);

/** The connections realtime recorded for a user (its `$connect` writes `{connectionId, userId, …}`). */
async function connectionsOf(userId: string): Promise<string[]> {
  const { Items = [] } = await documentClient.send(
    new QueryCommand({
      TableName: CONNECTIONS_TABLE,
      IndexName: 'byUserId',
      KeyConditionExpression: 'userId = :userId',
      ExpressionAttributeValues: { ':userId': userId },
    }),
  );
  return Items.map((item) => String(item.connectionId));
}

function sendFrame(client: Client, frame: Record<string, unknown>): void {
  client.socket.send(JSON.stringify({ action: 'sendMessage', ...frame }));
}

/**
 * The `sendMessage` route on the stack's own WebSocket API (realtime's, with messaging's route attached): route
 * selection, the handler and its `@connections` answer. The positive path, which needs realtime's `$connect` to
 * record the connection's user, is covered by websocket-route.test.ts with that part played by the test.
 */
describe('WebSocket sendMessage on the local stack', () => {
  it('answers UNAUTHENTICATED when realtime has no record of the connection, storing nothing', async () => {
    const { roomId, owner } = await aRoomWithMembers(0);
    const client = await connect<Frame>(owner.accessToken);
    for (const connectionId of await connectionsOf(owner.userId)) {
      await documentClient.send(new DeleteCommand({ TableName: CONNECTIONS_TABLE, Key: { connectionId } }));
    }

    sendFrame(client, { roomId, text: 'who am I?', clientMessageId: 'anon-1' });

    expect(await answerTo(client, 'anon-1')).toEqual({
      type: 'error',
      clientMessageId: 'anon-1',
      error: { code: 'UNAUTHENTICATED', message: 'The connection is not authenticated' },
    });
    const history = await api<{ items: Message[] }>('GET', `/rooms/${roomId}/messages`, { user: owner });
    expect(history.body.items).toEqual([]);
  });
});
