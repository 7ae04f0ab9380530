import { randomBytes } from 'node:crypto';
import { eventually } from '@chat/testing';
import { benchLog as log, onBenchStack, runBench } from '../support/bench-stack';
import { prepareChat, type PreparedTarget } from './chat-target';
import { runLoad } from './load';
import { parseOptions, type FanOutOptions } from './options';
import { DeliveryRecorder } from './recorder';
import { formatReport, type RunResult } from './report';
import { prepareSocketIo } from './socket-io-target';

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
  await prepared.mark?.();
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
  await onBenchStack(async (stack, closers) => {
    const results: RunResult[] = [];

    const chat = await prepareChat(stack.endpoints, options, log);
    const closeChat = () => chat.close();
    closers.add(closeChat);
    results.push(await measure(chat, options));
    const diagnosis = (await chat.diagnose?.()) ?? [];
    await closers.closeNow(closeChat);

    if (options.baseline) {
      const baseline = await prepareSocketIo(stack.endpoints.dynamodb, options, log);
      closers.add(() => baseline.close());
      results.push(await measure(baseline, options));
    }
    process.stdout.write(
      `\n${formatReport(
        `fan-out benchmark: ${options.users} users × ${options.socketsPerUser} socket(s) in one room, ${options.rate} msg/s for ${options.durationSeconds} s (chat via ${options.via}), loopback, ${new Date().toISOString()}`,
        results,
      )}\n${diagnosis.join('\n')}\n\n`,
    );
  });
}

runBench('fan-out', main);
