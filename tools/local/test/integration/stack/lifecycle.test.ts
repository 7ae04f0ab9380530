import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { eventually, freeStackPorts, LOCAL_CREDENTIALS as credentials, spawnStack } from '@chat/testing';
import { descendants, isAlive } from '../../support/process-tree';

/** The processes of `pids` still alive once a deadline passed (children exit when their parent's pipes close). */
async function survivors(pids: number[], deadlineMs = 5_000): Promise<string[]> {
  // A timeout is not an error here: the test's assertion names the survivors.
  await eventually(() => !pids.some(isAlive), { timeoutMs: deadlineMs }).catch(() => undefined);
  return pids.filter(isAlive).map((pid) => `${pid} ${commandLine(pid)}`);
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

describe('npm start (the local stack process)', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'chat-lifecycle-'));
  });

  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('stops at once with a clear message when a port is taken', async () => {
    const ports = await freeStackPorts();
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(ports.CHAT_HTTP_PORT, '127.0.0.1', resolve));

    try {
      const stack = spawnStack({ CHAT_DATA_DIR: path.join(dataDir, 'taken') }, ports);
      const code = await stack.exited(15_000);

      expect(code).toBe(1);
      expect(stack.output()).toContain(
        `port ${ports.CHAT_HTTP_PORT} (CHAT_HTTP_PORT) on 127.0.0.1 is already in use`,
      );
      expect(stack.output()).not.toMatch(/^ready$/m);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('keeps data across a restart, leaves no process behind on SIGTERM, --fresh starts empty and --routes prints the routes', async () => {
    const ports = await freeStackPorts();
    const env = { CHAT_DATA_DIR: path.join(dataDir, 'persist') };
    const endpoint = `http://127.0.0.1:${ports.CHAT_DYNAMODB_PORT}`;
    const client = new DynamoDBClient({ region: 'us-east-1', endpoint, credentials });
    const run = async (args: string[], during: () => Promise<void>) => {
      const stack = spawnStack(env, ports, { args });
      await stack.ready();
      const children = descendants(stack.child.pid as number);
      await during();
      stack.child.kill('SIGTERM');
      expect(await stack.exited()).toBe(0);
      expect(children.length).toBeGreaterThan(0);
      expect(await survivors(children)).toEqual([]);
      return stack.output();
    };
    let item: Record<string, AttributeValue> = {};
    let tableName = '';
    const stored = async () =>
      (await client.send(new GetItemCommand({ TableName: tableName, Key: item }))).Item;

    const plain = await run([], async () => {
      tableName = (await client.send(new ListTablesCommand({}))).TableNames?.[0] ?? '';
      const table = await client.send(new DescribeTableCommand({ TableName: tableName }));
      item = Object.fromEntries(
        (table.Table?.KeySchema ?? []).map((k) => [k.AttributeName as string, { S: 'lifecycle-test' }]),
      );
      await client.send(new PutItemCommand({ TableName: tableName, Item: item }));
    });
    const again = await run([], async () => expect(await stored()).toEqual(item));
    const fresh = await run(['--fresh', '--routes'], async () => expect(await stored()).toBeUndefined());

    expect(plain).not.toContain('WebSocket API routes');
    // it names the web app's URL; unchanged sources are served from the cached build, not bundled again
    expect(plain).toContain(`Web app:        http://127.0.0.1:${ports.CHAT_WEB_PORT}`);
    expect(again).not.toContain('web app built');
    expect(fresh).toContain('WebSocket API routes (route selection $request.body.action)');
    expect(fresh).toMatch(/^ {2}sendMessage +→ messaging\.\w+$/m);
  }, 180_000); // three full starts and stops of the stack: well over a minute on a loaded 2-core machine
});
