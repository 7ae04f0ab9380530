import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { LocalEndpoints } from '@chat/local';
import { eventually, startStack, type RunningStack } from '@chat/testing';
import { prepareChat, type PreparedTarget } from './chat-target';
import { runLoad } from './load';
import { parseOptions, type FanOutOptions } from './options';
import { DeliveryRecorder } from './recorder';
import { formatReport, type RunResult } from './report';
import { prepareSocketIo } from './socket-io-target';

// Lambda's nodejs20.x runtime is what the functions target; the SDK's notice about Node 22 is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const log = (line: string) => process.stdout.write(`[bench] ${line}\n`);

/** A few messages delivered to everyone before measuring: cold starts and connection set-up are not measured. */
async function warmUp(prepared: PreparedTarget, users: number, receivers: number): Promise<void> {
  const recorder = new DeliveryRecorder(receivers);
  prepared.record(recorder);
  const runId = `warm${randomBytes(3).toString('hex')}`;
  await runLoad(
    prepared.target,
    recorder,
    { users, rate: 2, durationSeconds: 3, drainSeconds: 60, runId },
    log,
  );
  const complete = await eventually(() => recorder.missing() === 0, { timeoutMs: 60_000 }).then(
    () => true,
    () => false,
  );
  log(
    `${prepared.target.name}: warm-up ${complete ? 'delivered to everyone' : 'incomplete, measuring anyway'}`,
  );
}

async function measure(prepared: PreparedTarget, options: FanOutOptions): Promise<RunResult> {
  const receivers = options.users * options.socketsPerUser;
  await warmUp(prepared, options.users, receivers);
  const recorder = new DeliveryRecorder(receivers);
  prepared.record(recorder);
  const runId = `run${randomBytes(3).toString('hex')}`;
  log(
    `${prepared.target.name}: sending ${options.rate} msg/s for ${options.durationSeconds} s to ${receivers} sockets …`,
  );
  const timings = await runLoad(prepared.target, recorder, { ...options, runId }, log);
  return { name: prepared.target.name, summary: recorder.summary(), timings };
}

/**
 * `npm run bench:fanout`: the fan-out benchmark. Starts the local stack (free ports, a temporary data folder),
 * measures N users in one room with R msg/s for D s against it, then the same load against a plain Socket.IO
 * server writing to the same DynamoDB Local, prints both and their ratio, and stops everything it started.
 */
async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), process.env);
  log(
    `fan-out: ${options.users} users in one room (${options.socketsPerUser} socket(s) each), ${options.rate} msg/s for ${options.durationSeconds} s via ${options.via}` +
      `${options.baseline ? ', then the Socket.IO baseline' : ''}`,
  );
  let stack: RunningStack | undefined;
  /** The endpoints of the stack given in BENCH_STACK (its endpoints.json, e.g. one started by hand to profile), else of a new one. */
  const stackEndpoints = async (say: (line: string) => void): Promise<LocalEndpoints> => {
    const given = process.env.BENCH_STACK;
    if (given) {
      say(`using the running stack of ${given}`);
      return JSON.parse(await readFile(given, 'utf8')) as LocalEndpoints;
    }
    stack = await startStack({ name: 'chat-bench', detached: true, log: say });
    return stack.endpoints;
  };
  const open: PreparedTarget[] = [];
  let stopping = false;
  const cleanUp = async () => {
    for (const prepared of open.splice(0)) await prepared.close().catch(() => undefined);
    await stack?.stop();
  };
  const interrupt = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping …`);
    void cleanUp().finally(() => process.exit(130));
  };
  process.on('SIGINT', () => interrupt('SIGINT'));
  process.on('SIGTERM', () => interrupt('SIGTERM'));

  try {
    // The functions run with their deployed settings (timeouts included): under overload, invocations wait for a
    // free sandbox, and that wait does not count against their timeout, as on Lambda.
    const endpoints = await stackEndpoints(log);
    const results: RunResult[] = [];

    const chat = await prepareChat(endpoints, options, log);
    open.push(chat);
    results.push(await measure(chat, options));
    const diagnosis = (await chat.diagnose?.()) ?? [];
    await chat.close();
    open.splice(open.indexOf(chat), 1);

    if (options.baseline) {
      const baseline = await prepareSocketIo(endpoints.dynamodb, options, log);
      open.push(baseline);
      results.push(await measure(baseline, options));
    }
    process.stdout.write(
      `\n${formatReport(
        `fan-out benchmark: ${options.users} users × ${options.socketsPerUser} socket(s) in one room, ${options.rate} msg/s for ${options.durationSeconds} s (chat via ${options.via}), loopback, ${new Date().toISOString()}`,
        results,
      )}\n${diagnosis.join('\n')}\n\n`,
    );
  } finally {
    await cleanUp();
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`\nThe fan-out benchmark failed: ${error.message}\n`);
    process.exit(1);
  },
);
