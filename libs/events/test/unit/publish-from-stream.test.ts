// A unit test: EventBridge is replaced by a recording double (test/support/eventbridge-double.ts);
// the publisher over the real client and HTTP is covered in test/integration.
import type { DynamoDBRecord } from 'aws-lambda';
import {
  buildEvent,
  createEventPublisher,
  type EventEnvelope,
  messageDeletedContract,
  messageSentContract,
  publishFromStream,
  type StreamRecordToEvents,
  streamRecordEventId,
} from '../../src/index';
import { aMessage, aRecordingLogger } from '../support/builders';
import { createEventBridgeDouble, eventIdOf, type PutEventsReply } from '../support/eventbridge-double';
import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';

/** A stream record of the messages table as Lambda delivers it (marshalled images). */
function aMessageRecord(
  sequence: number,
  overrides: { eventName?: DynamoDBRecord['eventName']; text?: string } = {},
) {
  const messageId = `msg-${sequence}`;
  const image = {
    pk: { S: 'room#r1' },
    sk: { S: `msg#${messageId}` },
    messageId: { S: messageId },
    text: { S: overrides.text ?? `hello ${sequence}` },
    mentions: { L: [{ S: 'u2' }] },
    attachmentCount: { N: '0' },
    blob: { B: Buffer.from('bytes').toString('base64') },
  };
  const record: DynamoDBRecord = {
    eventID: `event-${sequence}`,
    eventName: overrides.eventName ?? 'INSERT',
    eventSourceARN: 'arn:aws:dynamodb:eu-west-1:123456789012:table/messages/stream/2025',
    dynamodb: {
      SequenceNumber: String(1000 + sequence),
      NewImage: image,
      ...(overrides.eventName === 'MODIFY' ? { OldImage: { ...image, text: { S: 'before' } } } : {}),
    },
  };
  return record;
}

/** Messages table item → MessageSent, with eventIds derived from the record. */
const messageSentFromRecord: StreamRecordToEvents = (record, newImage) => {
  if (record.eventName !== 'INSERT' || !newImage) return [];
  const message = aMessage({
    roomId: 'r1',
    messageId: String(newImage.messageId),
    text: String(newImage.text),
    mentions: newImage.mentions as string[],
  });
  return [
    buildEvent(messageSentContract, message, {
      producer: 'messaging.stream',
      eventId: streamRecordEventId(record),
    }),
  ];
};

function aRelay(reply?: (entries: PutEventsRequestEntry[], call: number) => PutEventsReply) {
  const { client, calls } = createEventBridgeDouble(reply);
  const { logger, lines } = aRecordingLogger();
  const publisher = createEventPublisher({
    client,
    eventBusName: 'chat-test',
    sleep: async () => {},
    logger,
  });
  return { publisher, calls, logger, lines };
}

const sequenceNumbers = (records: DynamoDBRecord[]) =>
  records.map((r) => ({ itemIdentifier: r.dynamodb?.SequenceNumber }));

describe('publishFromStream', () => {
  it('publishes the events of every record and reports no failures', async () => {
    const { publisher, calls, logger } = aRelay();
    const records = [1, 2, 3].map((n) => aMessageRecord(n));

    const result = await publishFromStream({ publisher, records, toEvents: messageSentFromRecord, logger });

    expect(result).toEqual({ batchItemFailures: [] });
    expect(calls.flat().map((e) => JSON.parse(e.Detail ?? '').data.messageId)).toEqual([
      'msg-1',
      'msg-2',
      'msg-3',
    ]);
  });

  it('hands toEvents the record with its new and old images unmarshalled', async () => {
    const { publisher, logger } = aRelay();
    const seen: Array<[unknown, unknown]> = [];

    await publishFromStream({
      publisher,
      records: [aMessageRecord(1, { eventName: 'MODIFY' })],
      toEvents: (_record, newImage, oldImage) => {
        seen.push([newImage, oldImage]);
        return [];
      },
      logger,
    });

    expect(seen).toEqual([
      [
        expect.objectContaining({
          text: 'hello 1',
          mentions: ['u2'],
          attachmentCount: 0,
          blob: Buffer.from('bytes'),
        }),
        expect.objectContaining({ text: 'before' }),
      ],
    ]);
  });

  it('gives the events of a replayed record the same eventIds', async () => {
    const { publisher, calls, logger } = aRelay();
    const records = [aMessageRecord(1), aMessageRecord(2)];

    await publishFromStream({ publisher, records, toEvents: messageSentFromRecord, logger });
    await publishFromStream({ publisher, records, toEvents: messageSentFromRecord, logger });

    expect(calls[1]?.map(eventIdOf)).toEqual(calls[0]?.map(eventIdOf));
  });

  it('reports the first record whose event failed and every record after it, for in-order retry', async () => {
    const records = [1, 2, 3, 4].map((n) => aMessageRecord(n));
    const failingId = streamRecordEventId(records[1] as DynamoDBRecord);
    const { publisher, logger } = aRelay((entries) =>
      entries.map((e) => (eventIdOf(e) === failingId ? { ErrorCode: 'MalformedDetail' } : { EventId: 'ok' })),
    );

    const result = await publishFromStream({ publisher, records, toEvents: messageSentFromRecord, logger });

    expect(result.batchItemFailures).toEqual(sequenceNumbers(records.slice(1)));
  });

  it('reports a record that cannot be converted and the rest, publishing only the records before it', async () => {
    const { publisher, calls, logger, lines } = aRelay();
    const records = [1, 2, 3].map((n) => aMessageRecord(n));

    const result = await publishFromStream({
      publisher,
      records,
      toEvents: (record, newImage, oldImage) => {
        if (record.eventID === 'event-2') throw new Error('unexpected item shape');
        return messageSentFromRecord(record, newImage, oldImage);
      },
      logger,
    });

    expect(result.batchItemFailures).toEqual(sequenceNumbers(records.slice(1)));
    expect(calls.flat().map((e) => JSON.parse(e.Detail ?? '').data.messageId)).toEqual(['msg-1']);
    expect(lines.find((l) => l.message === 'stream record not converted to events')).toMatchObject({
      level: 'error',
      eventID: 'event-2',
      sequenceNumber: '1002',
    });
  });

  it('reports a record whose event breaks its contract instead of failing the whole batch', async () => {
    const { publisher, calls, logger } = aRelay();
    const records = [aMessageRecord(1), aMessageRecord(2, { text: 'x'.repeat(5000) })];

    const result = await publishFromStream({ publisher, records, toEvents: messageSentFromRecord, logger });

    expect(result.batchItemFailures).toEqual(sequenceNumbers(records.slice(1)));
    expect(calls.flat()).toHaveLength(1);
  });

  it('publishes several events of one record and reports it when any of them fails', async () => {
    const records = [aMessageRecord(1), aMessageRecord(2)];
    const toEvents: StreamRecordToEvents = (record, newImage, oldImage) => {
      const events: EventEnvelope[] = messageSentFromRecord(record, newImage, oldImage) as EventEnvelope[];
      events.push(
        buildEvent(
          messageDeletedContract,
          { roomId: 'r1', messageId: `old-${record.eventID}` },
          {
            producer: 'messaging.stream',
            eventId: streamRecordEventId(record, 1),
          },
        ),
      );
      return events;
    };
    const failingId = streamRecordEventId(records[1] as DynamoDBRecord, 1);
    const { publisher, calls, logger } = aRelay((entries) =>
      entries.map((e) => (eventIdOf(e) === failingId ? { ErrorCode: 'InvalidArgument' } : { EventId: 'ok' })),
    );

    const result = await publishFromStream({ publisher, records, toEvents, logger });

    expect(calls[0]).toHaveLength(4);
    expect(result.batchItemFailures).toEqual(sequenceNumbers([records[1] as DynamoDBRecord]));
  });
});
