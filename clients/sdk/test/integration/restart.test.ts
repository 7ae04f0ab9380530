import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Message } from '@chat/client';
import type { LocalEndpoints } from '@chat/local';
import {
  eventually,
  httpClient,
  loginUser,
  registerUser,
  spawnStack,
  startStack,
  type RunningStack,
  type SpawnedStack,
} from '@chat/testing';
import { closeAllClients, newClient } from '../support/stack';

jest.setTimeout(600_000);

/** The ports a running stack listens on, by the variables `npm start` reads them from. */
function portsOf(endpoints: LocalEndpoints): Record<string, number> {
  const port = (url: string) => Number(new URL(url).port);
  return {
    CHAT_HTTP_PORT: port(endpoints.http),
    CHAT_WS_PORT: port(endpoints.webSocket),
    CHAT_DYNAMODB_PORT: port(endpoints.dynamodb),
    CHAT_COGNITO_PORT: port(endpoints.cognito),
    CHAT_S3_PORT: port(endpoints.s3),
    CHAT_EVENTBRIDGE_PORT: port(endpoints.eventBridge),
    CHAT_SNS_PORT: port(endpoints.sns),
    CHAT_WEB_PORT: port(endpoints.web),
  };
}

let first: RunningStack | undefined;
let second: SpawnedStack | undefined;

afterAll(async () => {
  await closeAllClients();
  if (second && second.child.exitCode === null) {
    second.child.kill('SIGTERM');
    await second.exited();
  }
  await first?.stop();
  if (first) await rm(first.dir, { recursive: true, force: true });
});

describe('ChatClient across a restart of the whole stack', () => {
  it('stores every send once and delivers each to the other client once, in order', async () => {
    first = await startStack({ name: 'chat-sdk-restart' });
    const { endpoints } = first;
    const http = httpClient(endpoints.http);
    const [aliceUser, bobUser] = await Promise.all([registerUser({}, http), registerUser({}, http)]);
    const alice = newClient({}, endpoints);
    const bob = newClient({}, endpoints);
    await alice.login({ username: aliceUser.username, password: aliceUser.password });
    await bob.login({ username: bobUser.username, password: bobUser.password });
    await Promise.all([alice.connect(), bob.connect()]);
    const { roomId } = await alice.api.createRoom({ name: 'restart', visibility: 'public' });
    // On a stack that has just started, the rooms service may not have seen bob's UserRegistered yet (500).
    await eventually(() => bob.api.addMember(roomId).then(() => true), {
      what: 'bob joined',
      timeoutMs: 60_000,
    });
    const aliceRoom = await alice.openRoom(roomId);
    const bobRoom = await bob.openRoom(roomId);
    const received: Message[] = [];
    bobRoom.on('message', (m) => received.push(m));
    const bobStates: string[] = [];
    bob.on('state', (s) => bobStates.push(s));

    const sends = Array.from({ length: 40 }, (_, i) => aliceRoom.send(`message ${i}`));
    await eventually(() => aliceRoom.pending.length <= 35, { what: 'five sends stored', timeoutMs: 120_000 });
    await first.stop({ keepFiles: true });
    second = spawnStack({ CHAT_DATA_DIR: path.join(first.dir, 'data') }, portsOf(endpoints));
    await second.ready();
    const pendingAfterRestart = aliceRoom.pending.length;
    const stored = await Promise.all(sends);
    await eventually(() => received.length >= 40, { what: 'bob has every message', timeoutMs: 180_000 });
    const feed = await alice.api.listChanges(roomId, { since: 0, limit: 200 });
    await loginUser(aliceUser, http); // the user pool kept its users

    expect(pendingAfterRestart).toBeGreaterThan(0);
    expect(bobStates).toContain('reconnecting');
    expect(stored.map((m) => m.text)).toEqual(Array.from({ length: 40 }, (_, i) => `message ${i}`));
    expect(feed.items.map((m) => m.text).sort()).toEqual(stored.map((m) => m.text).sort());
    expect(received.map((m) => m.messageId)).toEqual(stored.map((m) => m.messageId));
    expect(bobRoom.messages.map((m) => m.messageId)).toEqual(stored.map((m) => m.messageId));
  });
});
