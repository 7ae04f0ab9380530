import type { UsageSnapshot } from '@chat/local';
import {
  api,
  closeAllSockets,
  connect,
  createRoom,
  eventually,
  type Frame,
  joinRoom,
  sendMessage,
  signedInUsers,
} from '@chat/testing';

afterAll(closeAllSockets);

async function readUsage(): Promise<UsageSnapshot> {
  const response = await api('GET', '/_local/usage');
  expect(response.status).toBe(200);
  return response.body as UsageSnapshot;
}

const callsOf = (usage: UsageSnapshot, key: string) => usage.dynamodb.byCall[key]?.calls ?? 0;
const invocationsOf = (usage: UsageSnapshot, fn: string) => usage.lambda[fn]?.invocations ?? 0;

describe('GET /_local/usage: what the functions made the local cloud do', () => {
  it('counts the calls, units, invocations, events and posts of one message sent to two sockets', async () => {
    const [owner, member] = await signedInUsers(2);
    const { roomId } = await createRoom(owner!);
    await joinRoom(roomId, member!);
    const sockets = await Promise.all([connect(owner!.accessToken), connect(member!.accessToken)]);
    const before = await readUsage();

    const { messageId } = await sendMessage(roomId, owner!, 'counted');
    const ours = (frame: Frame) =>
      (frame.message as { messageId?: string } | undefined)?.messageId === messageId;
    await Promise.all(sockets.map((socket) => socket.first(ours, 'the message.sent frame')));
    const after = await eventually(
      async () => {
        const usage = await readUsage();
        return invocationsOf(usage, 'realtime.fanOutRoomEvent') >
          invocationsOf(before, 'realtime.fanOutRoomEvent')
          ? usage
          : undefined;
      },
      { what: 'the fan-out counted' },
    );

    expect(
      invocationsOf(after, 'messaging.sendMessage') - invocationsOf(before, 'messaging.sendMessage'),
    ).toBe(1);
    expect(after.http.requests - before.http.requests).toBeGreaterThanOrEqual(1);
    expect(after.eventBridge.entries).toBeGreaterThan(before.eventBridge.entries);
    expect(after.webSocket.posts - before.webSocket.posts).toBeGreaterThanOrEqual(2);
    // The message's transaction (the messages table with others): counted once more than before. Other tests of
    // the suite may have counted other combinations of tables already.
    const messageTransactions = Object.keys(after.dynamodb.byCall).filter(
      (key) =>
        /^TransactWriteItems .*-messages(\+|$)/.test(key) && callsOf(after, key) > callsOf(before, key),
    );
    expect(messageTransactions).not.toEqual([]);
    const units = (u: UsageSnapshot) =>
      Object.values(u.dynamodb.byOperation).reduce(
        (sum, c) => ({ read: sum.read + c.readUnits, write: sum.write + c.writeUnits }),
        { read: 0, write: 0 },
      );
    expect(units(after).read).toBeGreaterThan(units(before).read);
    expect(units(after).write).toBeGreaterThan(units(before).write);
    // CPU, from the kernel's counters (Linux): the send took some on its sandbox's thread, and every sandbox
    // that loaded the function counted its init.
    const send = (u: UsageSnapshot) => u.lambda['messaging.sendMessage'];
    expect((send(after)?.cpuMs ?? 0) - (send(before)?.cpuMs ?? 0)).toBeGreaterThan(0);
    expect(send(after)?.inits).toBeGreaterThanOrEqual(1);
    expect(send(after)?.initCpuMs).toBeGreaterThan(0);
    expect(after.cpu.processMs).toBeGreaterThan(before.cpu.processMs);
    expect(after.cpu.mainThreadMs).toBeGreaterThan(before.cpu.mainThreadMs);
    expect(after.cpu.dynamodbLocalMs).toBeGreaterThan(0);
  });
});
