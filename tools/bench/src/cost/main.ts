import { writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { benchLog as log, onBenchStack, runBench } from '../support/bench-stack';
import { formatCostReport, type ScenarioResult } from './report';
import { prepareScenarios } from './scenarios';
import { quietUsage, usageBetween } from '../support/usage';

export const COST_USAGE =
  'npm run bench:cost -- [--members N (2-100, default 10)] [--runs N (1-9, default 3)] [--json file]';

interface CostOptions {
  members: number;
  runs: number;
  json?: string;
}

function parseCostOptions(argv: readonly string[]): CostOptions {
  const options: CostOptions = { members: 10, runs: 3 };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.split('=', 2);
    const value = inline ?? argv[(i += 1)] ?? '';
    const number = /^\d+$/.test(value) ? Number(value) : NaN;
    if (flag === '--members' && number >= 2 && number <= 100) options.members = number;
    else if (flag === '--runs' && number >= 1 && number <= 9) options.runs = number;
    else if (flag === '--json' && value !== '') options.json = value;
    else throw new Error(`Bad argument "${arg}"\n${COST_USAGE}`);
  }
  return options;
}

/**
 * `npm run bench:cost`: what each user action costs. Starts a local stack of its own, sets up a room of N
 * members with a socket each, then runs each scenario (a message, a mention, a DM, a reaction, typing, a connect,
 * a disconnect) `runs` times, each from a quiet stack until it is quiet again, and prints what the stack counted
 * (`GET /_local/usage`: DynamoDB calls and units, invocations, PutEvents entries, @connections posts, SNS
 * publishes) and what a reference month costs at AWS list prices.
 */
async function main(): Promise<void> {
  const options = parseCostOptions(process.argv.slice(2));
  await onBenchStack(async (stack, closers) => {
    const { http } = stack.endpoints;
    const scenarios = await prepareScenarios(stack.endpoints, options.members, closers, log);
    const results: ScenarioResult[] = scenarios.map(({ name, description }) => ({
      name,
      description,
      runs: [],
    }));
    await quietUsage(http, 3_000);
    for (let run = 0; run < options.runs; run += 1) {
      for (const [index, scenario] of scenarios.entries()) {
        const before = await quietUsage(http);
        await scenario.run(run);
        const after = await quietUsage(http);
        results[index]?.runs.push(usageBetween(before, after));
        await scenario.after?.();
      }
      log(`cost: round ${run + 1} of ${options.runs} measured`);
    }
    const [one, five, fifteen] = loadavg().map((v) => v.toFixed(2));
    const title =
      `cost benchmark: ${options.members} members in one room, ${options.runs} runs per scenario, ` +
      `${new Date().toISOString()}, load average ${one} ${five} ${fifteen}`;
    process.stdout.write(`\n${formatCostReport(title, results, options.members)}\n\n`);
    if (options.json) await writeFile(options.json, JSON.stringify({ title, results }, null, 2));
  });
}

runBench('cost', main);
