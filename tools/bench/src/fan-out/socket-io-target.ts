import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { REPO_ROOT } from '@chat/local';
import { mapLimit } from '../support/concurrency';
import type { PreparedTarget } from './chat-target';
import type { DeliveryRecorder } from './recorder';

interface MessageFrame {
  message?: { clientMessageId?: string };
}

/**
 * The Socket.IO baseline: its server as a child process of this one (so, like the local stack, in this process
 * tree), writing to the stack's DynamoDB Local; `users` socket.io-client connections joined to one room.
 */
export async function prepareSocketIo(
  dynamodbUrl: string,
  options: { users: number; socketsPerUser: number },
  log: (line: string) => void,
): Promise<PreparedTarget> {
  const child = spawn(
    process.execPath,
    [require.resolve('tsx/cli'), path.join(__dirname, 'socket-io-server.ts')],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, BENCH_DYNAMODB_URL: dynamodbUrl },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stopServer = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
  };
  let port: number;
  try {
    port = await new Promise<number>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(
        () => reject(new Error('the Socket.IO baseline did not start in time')),
        60_000,
      );
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const line = /^\{"port":(\d+)\}$/m.exec(output);
        if (line?.[1]) {
          clearTimeout(timer);
          resolve(Number(line[1]));
        }
      });
      child.once('exit', (code) => reject(new Error(`the Socket.IO baseline exited with code ${code}`)));
    });
  } catch (error) {
    await stopServer();
    throw error;
  }
  const perUser = options.socketsPerUser;
  log(`socket.io: server on 127.0.0.1:${port}; connecting ${options.users * perUser} clients …`);

  const roomId = 'bench-room';
  let recorder: DeliveryRecorder | undefined;
  const sockets: Socket[] = await mapLimit(
    Array.from({ length: options.users * perUser }),
    10,
    async (_, index) => {
      const socket = io(`http://127.0.0.1:${port}`, {
        transports: ['websocket'],
        reconnection: false,
        auth: { userId: `user-${Math.floor(index / perUser)}` },
      });
      socket.on('message.sent', (frame: MessageFrame) => {
        const key = frame.message?.clientMessageId;
        if (key) recorder?.delivered(key, index, performance.now());
      });
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      await socket.timeout(30_000).emitWithAck('join', roomId);
      return socket;
    },
  );

  return {
    target: {
      name: 'socket.io',
      async send(senderIndex, key) {
        const reply = (await sockets[senderIndex * perUser]
          ?.timeout(60_000)
          .emitWithAck('sendMessage', { roomId, text: `bench ${key}`, clientMessageId: key })) as
          { type?: string } | undefined;
        return reply?.type === 'ack';
      },
    },
    record(next) {
      recorder = next;
    },
    async close() {
      for (const socket of sockets) socket.disconnect();
      await stopServer();
    },
  };
}
