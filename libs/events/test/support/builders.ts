import { createLogger, type Logger } from '@chat/runtime';
import { buildEvent, type EnvelopeOf, type MessageSent, messageSentContract } from '../../src/index';

/** A valid MessageSent payload, with overrides. */
export function aMessage(overrides: Partial<MessageSent> = {}): MessageSent {
  return { ...messageSentContract.examples[0], ...overrides };
}

let sequence = 0;

/** A MessageSent envelope with a unique eventId. */
export function aMessageSentEvent(
  overrides: Partial<MessageSent> = {},
): EnvelopeOf<typeof messageSentContract> {
  sequence += 1;
  return buildEvent(messageSentContract, aMessage({ messageId: `msg-${sequence}`, ...overrides }), {
    producer: 'test',
    now: new Date('2025-01-15T10:00:00.000Z'),
  });
}

/**
 * A MessageSent envelope whose JSON (the entry's Detail) is at least `bytes` long: the bulk sits in
 * `mentions`, since message text is capped at 4,000 characters.
 */
export function aMessageSentEventOfAtLeast(bytes: number): EnvelopeOf<typeof messageSentContract> {
  const id = 'u'.repeat(97);
  const base = JSON.stringify(aMessageSentEvent({ mentions: [] })).length;
  const count = Math.max(0, Math.ceil((bytes - base) / (id.length + 3)));
  return aMessageSentEvent({ mentions: Array.from({ length: count }, () => id) });
}

/** A logger that keeps its lines, parsed, for assertions (and keeps test output quiet). */
export function aRecordingLogger(): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  return {
    logger: createLogger({}, (line) => lines.push(JSON.parse(line) as Record<string, unknown>)),
    lines,
  };
}
