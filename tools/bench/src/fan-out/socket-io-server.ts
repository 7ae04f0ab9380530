import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DynamoDBClient,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { Server } from 'socket.io';
import { ulid } from 'ulid';

/**
 * The benchmark's baseline: a plain Socket.IO server, as one would write it without the serverless design.
 * `join {roomId}` puts the socket in the room; `sendMessage {roomId, text, clientMessageId}` writes the message to
 * DynamoDB Local (the same instance the local stack uses, in a table of its own) and broadcasts
 * `message.sent {message, eventId}` to the room, then acks. No auth, no membership check, one process.
 *
 * Run as a child process: env BENCH_DYNAMODB_URL; prints `{"port":…}` once listening on 127.0.0.1, deletes its
 * table and exits on SIGTERM.
 */
async function main(): Promise<void> {
  const endpoint = process.env.BENCH_DYNAMODB_URL;
  if (!endpoint) throw new Error('BENCH_DYNAMODB_URL is required');
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const documents = DynamoDBDocumentClient.from(client);
  const tableName = `bench-socketio-messages-${ulid().toLowerCase()}`;
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'roomId', AttributeType: 'S' },
        { AttributeName: 'messageId', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'roomId', KeyType: 'HASH' },
        { AttributeName: 'messageId', KeyType: 'RANGE' },
      ],
    }),
  );
  await waitUntilTableExists({ client, maxWaitTime: 60 }, { TableName: tableName });

  const http = createServer();
  const io = new Server(http, { serveClient: false, transports: ['websocket'] });
  io.on('connection', (socket) => {
    const userId = String(socket.handshake.auth.userId ?? socket.id);
    socket.on('join', (roomId: string, ack?: () => void) => {
      void socket.join(roomId);
      ack?.();
    });
    socket.on(
      'sendMessage',
      async (
        frame: { roomId: string; text: string; clientMessageId: string },
        ack?: (reply: unknown) => void,
      ) => {
        try {
          const message = {
            roomId: frame.roomId,
            messageId: ulid(),
            senderId: userId,
            text: frame.text,
            clientMessageId: frame.clientMessageId,
            createdAt: new Date().toISOString(),
          };
          await documents.send(new PutCommand({ TableName: tableName, Item: message }));
          io.to(frame.roomId).emit('message.sent', { type: 'message.sent', message, eventId: ulid() });
          ack?.({ type: 'ack', message });
        } catch (error) {
          ack?.({ type: 'error', error: { message: (error as Error).message } });
        }
      },
    );
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  process.stdout.write(`${JSON.stringify({ port: (http.address() as AddressInfo).port })}\n`);

  const shutDown = async () => {
    io.close();
    await client.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
    client.destroy();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutDown());
  process.on('SIGINT', () => void shutDown());
}

main().catch((error: Error) => {
  process.stderr.write(`socket.io baseline failed: ${error.message}\n`);
  process.exit(1);
});
