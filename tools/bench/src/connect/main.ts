import { loadavg } from 'node:os';
import type WebSocket from 'ws';
import { busEvents, httpClient } from '@chat/testing';
import { benchLog, onBenchStack, runBench, type BenchStack, type Closers } from '../support/bench-stack';
import { mapLimit } from '../support/concurrency';
import { groupMemory } from '../support/process-memory';
import { closeSockets, openSocket, socketUrl } from '../support/sockets';
import { quietUsage, readUsage, usageBetween } from '../support/usage';
import { benchUsers, type BenchUser } from '../support/users';
import { parseConnectOptions, type ConnectOptions } from './options';
import { formatConnectReport, type PhaseResult } from './report';

interface Opened {
  sockets: WebSocket[];
  handshakesMs: number[];
  refused: number;
  /** Sockets not opened because the phase ran out of time. */
  skipped: number;
  seconds: number;
}

/**
 * Opens one socket per user of `users` (a user may appear more than once), `concurrency` handshakes at a time,
 * opening no more once `phaseSeconds` have passed.
 */
async function openAll(
  endpoint: string,
  users: readonly BenchUser[],
  options: ConnectOptions,
  onClose: (sockets: WebSocket[]) => void,
): Promise<Opened> {
  const began = Date.now();
  const deadline = began + options.phaseSeconds * 1000;
  const opened: Opened = { sockets: [], handshakesMs: [], refused: 0, skipped: 0, seconds: 0 };
  await mapLimit(users, options.concurrency, async (user) => {
    if (Date.now() > deadline) {
      opened.skipped += 1;
      return;
    }
    try {
      const { socket, handshakeMs } = await openSocket(socketUrl(endpoint, user.accessToken));
      opened.sockets.push(socket);
      opened.handshakesMs.push(handshakeMs);
    } catch {
      opened.refused += 1;
    }
  });
  opened.seconds = (Date.now() - began) / 1000;
  onClose(opened.sockets);
  return opened;
}

/** The PresenceChanged events the bus accepted so far (to tell how many a phase published). */
async function presenceEvents(eventBridge: string): Promise<number> {
  return (await busEvents('PresenceChanged', eventBridge)).length;
}

/**
 * `npm run bench:connect`: connects and disconnects. Starts the local stack (free ports, a temporary data
 * folder), registers the users, warms the functions up with one spare user's sockets, then measures four phases,
 * each followed by waiting until the stack is quiet so that the work it set off (stream consumers, events) is
 * counted with it: every user's first connect, their further connects (non-first: a socket of theirs is already
 * open), the further sockets' disconnects, then the last ones'. Prints handshakes per second and their latency,
 * the stack's resident memory per open socket, and per connect/disconnect the DynamoDB calls, writes and
 * invocations (the stack's `GET /_local/usage`), and stops everything it started. With `BENCH_STACK` it measures a
 * stack already running (no memory figures then: the benchmark does not know its processes).
 */
async function main(): Promise<void> {
  const options = parseConnectOptions(process.argv.slice(2), process.env);
  await onBenchStack((stack, closers) => bench(stack, options, closers));
}

async function bench(stack: BenchStack, options: ConnectOptions, closers: Closers): Promise<void> {
  const { endpoints } = stack;
  benchLog(
    `connect: ${options.users} users × ${options.perUser} sockets, ${options.concurrency} handshakes in flight`,
  );
  const http = httpClient(endpoints.http, { timeoutMs: 60_000 });
  const [spare, ...users] = await benchUsers(http, options.users + 1, benchLog);
  if (!spare) throw new Error('no users');
  const open = (sockets: WebSocket[]) => closers.add(() => closeSockets(sockets));

  benchLog('warm-up: one user’s sockets opened and closed …');
  const warm = await openAll(endpoints.webSocket, Array(20).fill(spare), options, open);
  await closeSockets(warm.sockets);
  await quietUsage(endpoints.http);

  const phases: PhaseResult[] = [];
  const measure = async (
    name: string,
    kind: 'connect' | 'disconnect',
    action: () => Promise<Omit<Opened, 'sockets'> & { count: number }>,
  ) => {
    const before = await readUsage(endpoints.http);
    const eventsBefore = await presenceEvents(endpoints.eventBridge);
    benchLog(`${name} …`);
    const done = await action();
    const usage = usageBetween(before, await quietUsage(endpoints.http));
    phases.push({
      name,
      kind,
      count: done.count,
      seconds: done.seconds,
      handshakesMs: done.handshakesMs,
      refused: done.refused,
      skipped: done.skipped,
      usage,
      presenceEvents: (await presenceEvents(endpoints.eventBridge)) - eventsBefore,
    });
  };
  const connectPhase = (list: readonly BenchUser[], into: WebSocket[]) => async () => {
    const opened = await openAll(endpoints.webSocket, list, options, open);
    into.push(...opened.sockets);
    return { ...opened, count: opened.sockets.length };
  };
  const disconnectPhase = (sockets: WebSocket[]) => async () => {
    const began = Date.now();
    await closeSockets(sockets);
    return {
      count: sockets.length,
      handshakesMs: [],
      refused: 0,
      skipped: 0,
      seconds: (Date.now() - began) / 1000,
    };
  };

  const first: WebSocket[] = [];
  const again: WebSocket[] = [];
  await measure('first connect', 'connect', connectPhase(users, first));
  // Memory before and after the non-first connects: the sandboxes that serve them are warm by now (sandboxes
  // started or stopped in between count too: the report says how many).
  const memoryOf = async () =>
    stack.pid === undefined
      ? undefined
      : { ...groupMemory(stack.pid), sandboxes: (await readUsage(endpoints.http)).sandboxes };
  const memoryBefore = await memoryOf();
  // Round robin over the users, so that the handshakes in flight belong to different users.
  const further = Array.from({ length: options.perUser - 1 }, () => users).flat();
  if (further.length > 0) await measure('non-first connect', 'connect', connectPhase(further, again));
  const memoryWith = await memoryOf();
  if (again.length > 0) await measure('disconnect, not the last', 'disconnect', disconnectPhase(again));
  await measure('disconnect, the last', 'disconnect', disconnectPhase(first));

  process.stdout.write(
    `\n${formatConnectReport({
      header: `connect benchmark: ${options.users} users × ${options.perUser} sockets, ${options.concurrency} handshakes in flight, loopback, ${new Date().toISOString()}`,
      loadAverage: loadavg(),
      phases,
      ...(memoryBefore && memoryWith
        ? {
            memory: {
              before: memoryBefore,
              with: memoryWith,
              sockets: again.length,
              open: first.length + again.length,
            },
          }
        : {}),
    })}\n\n`,
  );
}

runBench('connect', main);
