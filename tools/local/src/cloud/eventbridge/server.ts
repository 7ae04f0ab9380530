/**
 * The local EventBridge: an endpoint for the real @aws-sdk/client-eventbridge (awsJson1_1: POST /
 * with `X-Amz-Target: AWSEvents.<Operation>` and an `application/x-amz-json-1.1` body; errors are
 * HTTP 400 `{ "__type": "<Code>", "message": "..." }`). It implements PutEvents, plus DescribeEventBus,
 * ListEventBuses and ListRules over the configured rules. Accepted events are matched against the
 * rules of their bus (see pattern.ts) and delivered to each target by Lambda async invocation
 * (see delivery.ts); the PutEvents answer does not wait for the targets.
 *
 * Local-only routes on the same port (for tests and debugging):
 *   GET /_local/events?detailType=&source=  -> { items: PublishedEvent[] }, the last `maxEvents`
 *       accepted events, oldest first, with matched rules and per-target delivery outcomes
 *   POST/DELETE/GET /_local/faults          -> per-entry failure injection, see faults.ts
 * Authentication (SigV4) is not checked: any credentials work.
 */

import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

import { BodyTooLargeError, listenOnLoopback, readBodyText, sendText } from '../../http-server';
import type { Invoke, RunningServer } from '../types';
import { deliveryJournal } from './journal';
import { createDispatcher } from './delivery';
import { createEventLog, DEFAULT_MAX_EVENTS } from './event-log';
import { NO_FAULTS, parseFaultRequest, type FaultState } from './faults';
import { matchesPattern } from './pattern';
import {
  AwsServiceError,
  buildEvent,
  DEFAULT_EVENT_BUS,
  eventBusNameOf,
  readPutEventsRequest,
  type PutEventsResultEntry,
} from './put-events';
import { eventBusArn, normalizeRules, ruleArn } from './rules';
import type { EventBridgeRule, PublishedEvent } from './types';

export interface EventBridgeOptions {
  /** 0 picks a free port. */
  port: number;
  region: string;
  accountId: string;
  rules: EventBridgeRule[];
  invoke: Invoke;
  /** Progress and failure lines; defaults to console.log. */
  log?: (line: string) => void;
  /** How many published events to keep for tests (default 5,000). */
  maxEvents?: number;
  /** Delays before the 2nd and 3rd delivery attempt (default 100 and 200 ms). */
  retryDelaysMs?: readonly number[];
  /** The least delay before retrying a target after a failure (e.g. one function timeout after a timeout). */
  minimumRetryDelayMs?: (target: string, error: unknown) => number;
  /**
   * Where accepted deliveries are kept until they have run their course (see `deliveryJournal`): at start, what a
   * previous run left unfinished is delivered again. None: kept in memory only.
   */
  journalFile?: string;
  /**
   * How long to wait before delivering again to `target` what a killed run left unfinished: its attempt may have
   * been running, and Lambda retries a crashed invocation only once it has timed out (then what that attempt
   * held, an idempotency lock, has expired). Default 0.
   */
  redeliveryDelayMs?: (target: string) => number;
  /** Told of every PutEvents request: how many entries it carried (each is billed, accepted or not). */
  onPutEvents?: (entries: number) => void;
}

export interface RunningEventBridge extends RunningServer {
  /** Copies of the recorded events, oldest first. */
  published(): PublishedEvent[];
  /** Resolves when no target invocation (or retry) is pending. */
  waitForIdle(): Promise<void>;
  /** Replaces all rules (e.g. when the local stack reloads); throws, changing nothing, if one is invalid. */
  setRules(rules: EventBridgeRule[]): void;
}

const MAX_BODY_BYTES = 5 * 1024 * 1024;
const AMZ_JSON = 'application/x-amz-json-1.1';
const TARGET_PREFIX = 'AWSEvents.';

function send(
  response: ServerResponse,
  status: number,
  body: unknown,
  contentType = 'application/json',
): void {
  sendText(response, status, contentType, JSON.stringify(body), { 'x-amzn-requestid': randomUUID() });
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AwsServiceError('SerializationException', 'Request body is not valid JSON');
  }
}

export async function startEventBridge(options: EventBridgeOptions): Promise<RunningEventBridge> {
  const { region, accountId } = options;
  const log = options.log ?? ((line: string) => console.log(line));
  const eventLog = createEventLog(options.maxEvents ?? DEFAULT_MAX_EVENTS);
  const journal = options.journalFile ? deliveryJournal(options.journalFile) : undefined;
  const dispatcher = createDispatcher({
    invoke: options.invoke,
    log,
    retryDelaysMs: options.retryDelaysMs,
    minimumRetryDelayMs: options.minimumRetryDelayMs,
    onSettled: (event, delivery) => journal?.settled({ event, rule: delivery.rule, target: delivery.target }),
  });
  let rules = normalizeRules(options.rules);
  let faults: FaultState = { ...NO_FAULTS };

  const busNames = () => [...new Set([DEFAULT_EVENT_BUS, ...rules.map((rule) => rule.eventBusName)])].sort();
  const requireBus = (nameOrArn: unknown): string => {
    const name = eventBusNameOf(nameOrArn);
    if (!busNames().includes(name))
      throw new AwsServiceError('ResourceNotFoundException', `Event bus ${name} does not exist.`);
    return name;
  };

  /** Runs after the response is sent: PutEvents does not wait for its targets. */
  const pendingDispatches: PublishedEvent[] = [];

  const putEvents = (body: unknown) => {
    const entries = readPutEventsRequest(body);
    options.onPutEvents?.(entries.length);
    const now = new Date();
    const acceptedNow: PublishedEvent[] = [];
    const results: PutEventsResultEntry[] = entries.map((entry) => {
      const outcome = buildEvent(entry, { id: randomUUID(), region, accountId, now });
      if (!outcome.ok) return outcome.error;
      if (faults.failNextEntries > 0) {
        faults = { ...faults, failNextEntries: faults.failNextEntries - 1 };
        return { ErrorCode: faults.errorCode, ErrorMessage: faults.errorMessage };
      }
      const matched = rules.filter(
        (rule) => rule.eventBusName === outcome.eventBusName && matchesPattern(rule.pattern, outcome.event),
      );
      const published: PublishedEvent = {
        eventBusName: outcome.eventBusName,
        event: outcome.event,
        receivedAt: new Date().toISOString(),
        matchedRules: matched.map((rule) => rule.name),
        deliveries: matched.flatMap((rule) =>
          rule.targets.map((target) => ({
            rule: rule.name,
            target,
            status: 'pending' as const,
            attempts: 0,
          })),
        ),
      };
      eventLog.add(published);
      pendingDispatches.push(published);
      acceptedNow.push(published);
      return { EventId: outcome.event.id };
    });
    // Kept before PutEvents answers: an accepted event is delivered even if this process dies now.
    journal?.accepted(
      acceptedNow.flatMap(({ event, deliveries }) =>
        deliveries.map(({ rule, target }) => ({ event, rule, target })),
      ),
    );
    const failed = results.filter((result) => result.ErrorCode !== undefined).length;
    return { FailedEntryCount: failed, Entries: results };
  };

  const listRules = (body: Record<string, unknown>) => {
    const bus = requireBus(body.EventBusName);
    const prefix = typeof body.NamePrefix === 'string' ? body.NamePrefix : '';
    const all = rules.filter((rule) => rule.eventBusName === bus && rule.name.startsWith(prefix));
    const start = typeof body.NextToken === 'string' ? Number.parseInt(body.NextToken, 10) || 0 : 0;
    const limit = typeof body.Limit === 'number' && body.Limit > 0 ? body.Limit : 100;
    const page = all.slice(start, start + limit);
    return {
      Rules: page.map((rule) => ({
        Name: rule.name,
        Arn: ruleArn(region, accountId, rule),
        EventPattern: JSON.stringify(rule.pattern),
        State: 'ENABLED',
        EventBusName: rule.eventBusName,
      })),
      ...(start + limit < all.length ? { NextToken: String(start + limit) } : {}),
    };
  };

  const operations: Record<string, (body: Record<string, unknown>) => unknown> = {
    PutEvents: putEvents,
    ListRules: listRules,
    DescribeEventBus: (body) => {
      const name = requireBus(body.Name);
      return { Name: name, Arn: eventBusArn(region, accountId, name) };
    },
    ListEventBuses: (body) => {
      const prefix = typeof body.NamePrefix === 'string' ? body.NamePrefix : '';
      const names = busNames().filter((name) => name.startsWith(prefix));
      return { EventBuses: names.map((name) => ({ Name: name, Arn: eventBusArn(region, accountId, name) })) };
    },
  };

  const handleAws = async (request: IncomingMessage, response: ServerResponse) => {
    const target = String(request.headers['x-amz-target'] ?? '');
    const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
    const handler = operations[operation];
    if (!handler) {
      throw new AwsServiceError(
        'UnknownOperationException',
        `Operation "${target}" is not supported by the local EventBridge`,
      );
    }
    const body = parseJson(await readBodyText(request, MAX_BODY_BYTES));
    const input = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    send(response, 200, handler(input), AMZ_JSON);
  };

  const handleLocal = async (request: IncomingMessage, response: ServerResponse, url: URL) => {
    if (url.pathname === '/_local/events' && request.method === 'GET') {
      const filter = {
        detailType: url.searchParams.get('detailType') ?? undefined,
        source: url.searchParams.get('source') ?? undefined,
      };
      return send(response, 200, { items: eventLog.list(filter) });
    }
    if (url.pathname === '/_local/faults') {
      if (request.method === 'GET') return send(response, 200, faults);
      if (request.method === 'DELETE') {
        faults = { ...NO_FAULTS };
        return send(response, 200, faults);
      }
      if (request.method === 'POST') {
        let body: unknown;
        try {
          body = JSON.parse(await readBodyText(request, MAX_BODY_BYTES)) as unknown;
        } catch {
          return send(response, 400, { error: { code: 'BadRequest', message: 'body must be JSON' } });
        }
        const parsed = parseFaultRequest(body);
        if (typeof parsed === 'string')
          return send(response, 400, { error: { code: 'BadRequest', message: parsed } });
        faults = parsed;
        log(
          `[eventbridge] fault injection: the next ${parsed.failNextEntries} entries fail with ${parsed.errorCode}`,
        );
        return send(response, 200, faults);
      }
    }
    return send(response, 404, {
      error: { code: 'NotFound', message: `${request.method} ${url.pathname} not found` },
    });
  };

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const work = url.pathname.startsWith('/_local/')
      ? handleLocal(request, response, url)
      : handleAws(request, response);
    work
      .catch((error: unknown) => {
        if (error instanceof AwsServiceError) {
          return send(response, error.statusCode, { __type: error.type, message: error.message }, AMZ_JSON);
        }
        if (error instanceof BodyTooLargeError) {
          return send(response, 413, { error: { code: 'BadRequest', message: 'request body too large' } });
        }
        log(
          `[eventbridge] internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
        return send(
          response,
          500,
          { __type: 'InternalException', message: 'Internal error in the local EventBridge' },
          AMZ_JSON,
        );
      })
      .finally(() => {
        // Deliveries start only now that the answer has been written.
        for (const published of pendingDispatches.splice(0)) {
          for (const delivery of published.deliveries) dispatcher.dispatch(published.event, delivery);
        }
      });
  });

  /** What the previous run accepted and did not deliver (it was killed), delivered again now. */
  function redeliverUnfinished(): void {
    const unfinished = journal?.unfinished() ?? [];
    if (unfinished.length === 0) return;
    const byEvent = new Map<string, PublishedEvent>();
    for (const { event, rule, target } of unfinished) {
      const published = byEvent.get(event.id) ?? {
        eventBusName: '',
        event,
        receivedAt: new Date().toISOString(),
        matchedRules: [],
        deliveries: [],
      };
      if (!published.matchedRules.includes(rule)) published.matchedRules.push(rule);
      published.deliveries.push({ rule, target, status: 'pending', attempts: 0 });
      byEvent.set(event.id, published);
    }
    for (const published of byEvent.values()) {
      published.eventBusName =
        rules.find((rule) => published.matchedRules.includes(rule.name))?.eventBusName ?? '';
      eventLog.add(published);
      for (const delivery of published.deliveries) dispatcher.dispatch(published.event, delivery);
    }
    log(
      `[eventbridge] delivering again ${unfinished.length} delivery(ies) the previous run had not finished`,
    );
  }

  const { url, port, close } = await listenOnLoopback(server, {
    name: 'the local EventBridge',
    port: options.port,
    closeGraceMs: 0,
  });
  log(`[eventbridge] listening on ${url} (${rules.length} rules)`);
  redeliverUnfinished();

  return {
    url,
    port,
    published: () => eventLog.list(),
    waitForIdle: () => dispatcher.waitForIdle(),
    setRules(next) {
      rules = normalizeRules(next);
      log(`[eventbridge] ${rules.length} rules loaded`);
    },
    close: () => {
      dispatcher.stop();
      return close();
    },
  };
}
