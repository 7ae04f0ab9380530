import {
  ContractViolationError,
  type EventContract,
  eventContracts,
  exampleEnvelopes,
  type IncomingEventBridgeEvent,
  parseEvent,
  publishedContracts,
} from '../../src/index';
import { aRecordingLogger } from '../support/builders';

/** An EventBridge event as a Lambda target receives it. */
function anEventBridgeEvent(contract: EventContract, detail: unknown): IncomingEventBridgeEvent {
  return { id: 'eb-123', source: contract.source, 'detail-type': contract.detailType, detail };
}

const sent = eventContracts.MessageSent;

describe('parseEvent', () => {
  it.each(publishedContracts.map((c) => [c.detailType, c] as const))(
    'returns the typed envelope of every %s example',
    (_name, contract) => {
      for (const envelope of exampleEnvelopes(contract)) {
        expect(parseEvent(contract, anEventBridgeEvent(contract, envelope))).toEqual(envelope);
      }
    },
  );

  it('types data by the contract', () => {
    const [envelope] = exampleEnvelopes(sent);

    const parsed = parseEvent(sent, anEventBridgeEvent(sent, envelope));

    const mentions: string[] = parsed.data.mentions;
    expect(mentions).toEqual(sent.examples[0].mentions);
    expect(parsed.metadata.eventType).toBe('MessageSent');
  });

  it('throws a ContractViolationError naming the field, and logs it with the event id, when data is invalid', () => {
    const [envelope] = exampleEnvelopes(sent);
    const detail = { ...envelope, data: { ...sent.examples[0], attachments: 'none' } };
    const { logger, lines } = aRecordingLogger();

    const parse = () => parseEvent(sent, anEventBridgeEvent(sent, detail), { logger });

    expect(parse).toThrow(ContractViolationError);
    expect(parse).toThrow('detail.data.attachments: Invalid input: expected array, received string');
    expect(lines[0]).toMatchObject({
      level: 'error',
      message: 'event breaks its contract',
      eventId: envelope?.metadata.eventId,
      eventBridgeId: 'eb-123',
      eventType: 'MessageSent',
    });
  });

  it('refuses an event of another detail-type or source', () => {
    const [envelope] = exampleEnvelopes(eventContracts.MessageDeleted);
    const { logger } = aRecordingLogger();

    const parse = () =>
      parseEvent(sent, anEventBridgeEvent(eventContracts.MessageDeleted, envelope), { logger });

    expect(parse).toThrow('detail-type: expected "MessageSent", got "MessageDeleted"');
  });

  it('refuses another version of the event and invalid metadata', () => {
    const [envelope] = exampleEnvelopes(sent);
    const detail = { ...envelope, metadata: { ...envelope?.metadata, version: 2, occurredAt: 'yesterday' } };
    const { logger } = aRecordingLogger();

    let thrown: unknown;
    try {
      parseEvent(sent, anEventBridgeEvent(sent, detail), { logger });
    } catch (error) {
      thrown = error;
    }

    expect((thrown as ContractViolationError).issues.map((i) => i.path)).toEqual([
      'detail.metadata.version',
      'detail.metadata.occurredAt',
    ]);
    expect((thrown as ContractViolationError).eventId).toBe(envelope?.metadata.eventId);
  });

  it('refuses a detail that is not an envelope', () => {
    const { logger, lines } = aRecordingLogger();

    expect(() => parseEvent(sent, anEventBridgeEvent(sent, 'text'), { logger })).toThrow(
      'detail: Invalid input: expected object, received string',
    );
    expect(lines[0]).toMatchObject({ eventBridgeId: 'eb-123' });
  });
});
