import type { ScenarioUsage } from '../support/usage';
import { costOf, type Cost } from './usage';

/**
 * The reference month `npm run bench:cost` prices: what a day of one active user does, in the scenarios the
 * bench measures (a room message goes to a room of the bench's size). Reads (history, room lists, search), sign
 * in, uploads, storage, logs and data transfer are not in it.
 */
export const REFERENCE_MONTH = {
  dailyActiveUsers: 10_000,
  days: 30,
  /** Per active user per day. */
  perUserDay: {
    message: 18,
    mention: 2,
    dm: 5,
    reaction: 10,
    typing: 20,
    connect: 3,
    disconnect: 3,
  } as Record<string, number>,
  /** Minutes each active user is connected per day (three sessions of 20 minutes). */
  connectionMinutesPerUserDay: 60,
} as const;

export function describeReferenceMonth(roomSize: number): string {
  const { dailyActiveUsers, days, perUserDay, connectionMinutesPerUserDay } = REFERENCE_MONTH;
  const actions = Object.entries(perUserDay)
    .map(([name, count]) => `${count} ${name}`)
    .join(', ');
  return (
    `${dailyActiveUsers.toLocaleString('en-US')} daily active users × ${days} days; each a day: ${actions} ` +
    `(rooms of ${roomSize}), connected ${connectionMinutesPerUserDay} min`
  );
}

export interface MonthLine {
  scenario: string;
  count: number;
  cost: Cost;
}

/** Each scenario's cost times how often the reference month does it, and the connection minutes. */
export function referenceMonth(usages: ReadonlyMap<string, ScenarioUsage>): {
  lines: MonthLine[];
  total: Cost;
} {
  const { dailyActiveUsers, days, perUserDay, connectionMinutesPerUserDay } = REFERENCE_MONTH;
  const userDays = dailyActiveUsers * days;
  const lines: MonthLine[] = [];
  for (const [scenario, perDay] of Object.entries(perUserDay)) {
    const usage = usages.get(scenario);
    if (!usage) continue;
    const count = perDay * userDays;
    const one = costOf(usage);
    lines.push({ scenario, count, cost: scaled(one, count) });
  }
  const minutes = connectionMinutesPerUserDay * userDays;
  lines.push({ scenario: 'connection minutes', count: minutes, cost: costOf(NO_USAGE, minutes) });
  const total = lines.reduce((sum, line) => added(sum, line.cost), scaled(costOf(NO_USAGE), 0));
  return { lines, total };
}

const NO_USAGE: ScenarioUsage = {
  dynamodb: {
    calls: 0,
    writes: 0,
    readUnits: 0,
    writeUnits: 0,
    conditionFailed: 0,
    itemsWritten: 0,
    refused: 0,
    byOperation: {},
    byCall: {},
  },
  invocations: {},
  lambda: {},
  sandboxes: 0,
  gbSeconds: 0,
  cpu: { processMs: 0, mainThreadMs: 0, dynamodbLocalMs: 0 },
  putEventsEntries: 0,
  webSocket: { connects: 0, clientMessages: 0, posts: 0 },
  httpRequests: 0,
  snsPublishes: 0,
};

function scaled(cost: Cost, factor: number): Cost {
  return Object.fromEntries(
    Object.entries(cost).map(([key, value]) => [key, value * factor]),
  ) as unknown as Cost;
}

function added(a: Cost, b: Cost): Cost {
  return Object.fromEntries(
    Object.entries(a).map(([key, value]) => [key, value + b[key as keyof Cost]]),
  ) as unknown as Cost;
}
