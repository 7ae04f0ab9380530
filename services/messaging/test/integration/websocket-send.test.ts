import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import WebSocket from 'ws';
import { localStack } from '../../../../tools/local/test/support/local-stack';
import type { SignedInUser } from '../../../../tools/local/test/support/users';
import type { Message } from '../../src/domain/message';
import { aRoom, api, eventually } from '../support/stack-api';

/** realtime's connections table on the local stack (messaging only reads it; its `$connect` writes it). */
const CONNECTIONS_TABLE = 'chat-realtime-local-connections';

interface Frame {
  type: string;
  clientMessageId?: string;
  message?: Message;
  error?: { code: string; message: string };
}

interface Client {
  socket: WebSocket;
  frames: Frame[];
  /** The first frame received about `clientMessageId`. */
  answerTo(clientMessageId: string): Promise<Frame>;
  close(): Promise<void>;
}

const clients: Client[] = [];
let documentClient: DynamoDBDocumentClient;

beforeAll(() => {
  const stack = localStack();
  documentClient = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: stack.dynamodb,
      region: stack.region,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  documentClient.destroy();
});

function connect(user: SignedInUser): Promise<Client> {
  return new Promise((resolve, reject) => {
    const url = `${localStack().webSocket}/?token=${encodeURIComponent(user.accessToken)}`;
    const socket = new WebSocket(url);
    const frames: Frame[] = [];
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    socket.on('message', (data) => frames.push(JSON.parse(data.toString()) as Frame));
    socket.once('error', reject);
    socket.once('open', () => {
      const client: Client = {
        socket,
        frames,
        answerTo: (clientMessageId) =>
          eventually(`an answer to ${clientMessageId}`, async () =>
            frames.find((frame) => frame.clientMessageId === clientMessageId),
          ),
        close: async () => {
          if (socket.readyState !== WebSocket.CLOSED) socket.close();
          await closed;
        },
      };
      clients.push(client);
      resolve(client);
    });
  });
}

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
    const { roomId, owner } = await aRoom(0);
    const client = await connect(owner);
    for (const connectionId of await connectionsOf(owner.userId)) {
      await documentClient.send(new DeleteCommand({ TableName: CONNECTIONS_TABLE, Key: { connectionId } }));
    }

    sendFrame(client, { roomId, text: 'who am I?', clientMessageId: 'anon-1' });

    expect(await client.answerTo('anon-1')).toEqual({
      type: 'error',
      clientMessageId: 'anon-1',
      error: { code: 'UNAUTHENTICATED', message: 'The connection is not authenticated' },
    });
    const history = await api<{ items: Message[] }>('GET', `/rooms/${roomId}/messages`, { user: owner });
    expect(history.body.items).toEqual([]);
  });
});
