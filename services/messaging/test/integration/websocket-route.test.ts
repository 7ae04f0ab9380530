import { randomUUID } from 'node:crypto';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import WebSocket from 'ws';
import { startWebSocketApi, type RunningWebSocketApi, type WebSocketEvent } from '@chat/local';
import {
  aRoomWithMembers,
  api,
  closeAllSockets,
  eventually,
  localStack,
  openSocket,
  stackDocumentClient,
  type SignedInUser,
} from '@chat/testing';
import type { Message } from '../../src/domain/message';
import { handler } from '../../src/handlers/socket-send-message';
import { eventsAbout, send } from '../support/stack-api';

/**
 * messaging's `sendMessage` handler, run in this process behind a local WebSocket API (tools/local) on a free port,
 * against the local stack's DynamoDB and EventBridge. Only realtime's part is played by the test: its `$connect`
 * records `{connectionId, userId}` in realtime's connections table, as realtime's does. Everything else is real:
 * the ws client, route selection, the `@connections` answer through the SDK client, the tables and the outbox.
 */

const CONNECTIONS_TABLE = 'chat-realtime-local-connections';

interface Frame {
  type: string;
  clientMessageId?: string;
  message?: Message;
  error?: { code: string; message: string };
}

let webSocketApi: RunningWebSocketApi;
let documentClient: DynamoDBDocumentClient;
const savedEnvironment: Record<string, string | undefined> = {};

function setEnvironment(values: Record<string, string>): void {
  for (const [name, value] of Object.entries(values)) {
    savedEnvironment[name] = process.env[name];
    process.env[name] = value;
  }
}

/** The `sub` of an access token (read, not verified: realtime's `$connect` verifies it for real). */
function subjectOf(token: string): string {
  const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
    sub: string;
  };
  return payload.sub;
}

beforeAll(async () => {
  const stack = localStack();
  documentClient = stackDocumentClient();
  webSocketApi = await startWebSocketApi({
    port: 0,
    stage: 'local',
    apiId: 'messagingtest',
    region: stack.region,
    accountId: '000000000000',
    routes: [
      { routeKey: '$connect', functionName: 'realtime.connect' },
      { routeKey: 'sendMessage', functionName: 'messaging.socketSendMessage' },
    ],
    invoke: async (functionName, event) => {
      const wsEvent = event as WebSocketEvent;
      if (functionName === 'realtime.connect') {
        const token = wsEvent.queryStringParameters?.token ?? '';
        await documentClient.send(
          new PutCommand({
            TableName: CONNECTIONS_TABLE,
            Item: { connectionId: wsEvent.requestContext.connectionId, userId: subjectOf(token) },
          }),
        );
        return { statusCode: 200 };
      }
      return handler(event as APIGatewayProxyWebsocketEventV2);
    },
  });
  setEnvironment({
    SERVICE_NAME: 'chat-messaging',
    AWS_REGION: stack.region,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: stack.dynamodb,
    AWS_ENDPOINT_URL_S3: stack.s3,
    AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
    AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
    MESSAGES_TABLE: 'chat-messaging-local-messages',
    CLIENT_MESSAGE_IDS_TABLE: 'chat-messaging-local-client-message-ids',
    ROOM_VERSIONS_TABLE: 'chat-messaging-local-room-versions',
    ATTACHMENTS_TABLE: 'chat-messaging-local-attachments',
    READ_MARKERS_TABLE: 'chat-messaging-local-read-markers',
    ATTACHMENTS_BUCKET: 'attachmentsbucket',
    MEMBERSHIPS_TABLE: 'chat-rooms-local-memberships',
    BLOCKS_TABLE: 'chat-rooms-local-blocks',
    RATE_LIMITS_TABLE: 'chat-messaging-local-rate-limits',
    SEND_RATE_LIMIT: '30',
    SEND_RATE_WINDOW_SECONDS: '10',
    CONNECTIONS_TABLE,
    WEBSOCKET_MANAGEMENT_ENDPOINT: webSocketApi.managementEndpoint,
    LOG_LEVEL: 'error',
  });
});

afterAll(async () => {
  await closeAllSockets();
  await webSocketApi.close();
  documentClient.destroy();
  for (const [name, value] of Object.entries(savedEnvironment)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

interface Client {
  socket: WebSocket;
  /** The first `count` (default 1) frames answering `clientMessageId`, once they arrived. */
  answersTo(clientMessageId: string, count?: number): Promise<Frame[]>;
  answerTo(clientMessageId: string): Promise<Frame>;
}

async function connect(user: SignedInUser): Promise<Client> {
  const { socket, frames } = await openSocket<Frame>(
    `${webSocketApi.url}/?token=${encodeURIComponent(user.accessToken)}`,
  );
  const answersTo = (clientMessageId: string, count = 1) =>
    eventually(
      () => {
        const answers = frames.filter((frame) => frame.clientMessageId === clientMessageId);
        return answers.length >= count ? answers.slice(0, count) : undefined;
      },
      { what: `${count} answer(s) to ${clientMessageId}` },
    );
  return {
    socket,
    answersTo,
    answerTo: async (clientMessageId) => (await answersTo(clientMessageId))[0] as Frame,
  };
}

function sendFrame(socket: WebSocket, frame: Record<string, unknown>): void {
  socket.send(JSON.stringify({ action: 'sendMessage', ...frame }));
}

describe('the WebSocket sendMessage route', () => {
  it('acks the sender with the stored message, sent as the connection’s user whatever the frame says', async () => {
    const { roomId, owner, members } = await aRoomWithMembers(1);
    const bob = members[0]!;
    const client = await connect(owner);
    const clientMessageId = `ws-${randomUUID()}`;

    sendFrame(client.socket, {
      roomId,
      text: `over the socket, @${bob.username}`,
      clientMessageId,
      senderId: bob.userId,
    });
    const answer = await client.answerTo(clientMessageId);

    expect(answer).toEqual({
      type: 'ack',
      clientMessageId,
      message: {
        roomId,
        messageId: expect.any(String),
        senderId: owner.userId,
        text: `over the socket, @${bob.username}`,
        mentions: [bob.userId],
        attachments: [],
        createdAt: expect.any(String),
        clientMessageId,
        seq: 1,
        version: 1,
        reactions: [],
      },
    });
    const history = await api<{ items: Message[] }>('GET', `/rooms/${roomId}/messages`, { user: bob });
    expect(history.body.items).toEqual([answer.message]);
    const [event] = await eventsAbout('MessageSent', answer.message?.messageId ?? '');
    expect(event?.event.detail.data).toEqual(answer.message);
  });

  it('acks every copy of a clientMessageId, concurrent or already posted by REST, with the one stored message', async () => {
    const { roomId, owner } = await aRoomWithMembers(0);
    const client = await connect(owner);
    const clientMessageId = `both-${randomUUID()}`;
    const posted = await send(roomId, owner, { text: 'first by REST', clientMessageId });

    for (let i = 0; i < 3; i++) sendFrame(client.socket, { roomId, text: 'first by REST', clientMessageId });
    const answers = await client.answersTo(clientMessageId, 3);

    expect(posted.status).toBe(201);
    expect(answers).toEqual(
      Array.from({ length: 3 }, () => ({ type: 'ack', clientMessageId, message: posted.body })),
    );
    const history = await api<{ items: Message[] }>('GET', `/rooms/${roomId}/messages`, { user: owner });
    expect(history.body.items).toEqual([posted.body]);
  });

  it('answers a non-member with NOT_FOUND and invalid frames with VALIDATION_FAILED, keeping the connection', async () => {
    const { roomId } = await aRoomWithMembers(0);
    const outsider = (await aRoomWithMembers(0)).owner;
    const client = await connect(outsider);

    sendFrame(client.socket, { roomId, text: 'let me in', clientMessageId: 'nope-1' });
    sendFrame(client.socket, { roomId, text: '', clientMessageId: 'empty-1' });
    sendFrame(client.socket, { text: 'where to?', clientMessageId: 'noroom-1' });

    expect(await client.answerTo('nope-1')).toEqual({
      type: 'error',
      clientMessageId: 'nope-1',
      error: { code: 'NOT_FOUND', message: 'The room was not found' },
    });
    expect(await client.answerTo('empty-1')).toMatchObject({
      type: 'error',
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(await client.answerTo('noroom-1')).toMatchObject({
      type: 'error',
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(client.socket.readyState).toBe(WebSocket.OPEN);
  });
});
