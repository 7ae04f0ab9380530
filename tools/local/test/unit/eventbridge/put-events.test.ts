import {
  AwsServiceError,
  buildEvent,
  entrySize,
  eventBusNameOf,
  readPutEventsRequest,
  type RawPutEventsEntry,
} from '../../../src/cloud/eventbridge/put-events';

const context = {
  id: 'evt-1',
  region: 'us-east-1',
  accountId: '000000000000',
  now: new Date('2024-05-01T12:00:00.789Z'),
};

function anEntry(overrides: RawPutEventsEntry = {}): RawPutEventsEntry {
  return {
    Source: 'chat.messaging',
    DetailType: 'MessageSent',
    Detail: JSON.stringify({ metadata: { eventId: 'e1' }, data: { roomId: 'r1' } }),
    ...overrides,
  };
}

function rejectionOf(body: unknown): AwsServiceError {
  try {
    readPutEventsRequest(body);
  } catch (error) {
    if (error instanceof AwsServiceError) return error;
    throw error;
  }
  throw new Error('expected the request to be rejected');
}

describe('readPutEventsRequest', () => {
  it('returns the entries of a request with 1 to 10 entries', () => {
    // Arrange
    const entries = Array.from({ length: 10 }, () => anEntry());

    // Act
    const result = readPutEventsRequest({ Entries: entries });

    // Assert
    expect(result).toHaveLength(10);
  });

  it.each([
    ['11 entries', { Entries: Array.from({ length: 11 }, () => anEntry()) }, 'less than or equal to 10'],
    ['no entries', { Entries: [] }, 'greater than or equal to 1'],
    ['a missing Entries list', {}, 'must not be null'],
  ])('rejects %s with a ValidationException', (_description, body, message) => {
    // Act
    const error = rejectionOf(body);

    // Assert
    expect(error.type).toBe('ValidationException');
    expect(error.message).toContain(message);
  });

  it('rejects entries whose total size is over 256 KB', () => {
    // Arrange
    const detail = JSON.stringify({ text: 'x'.repeat(130 * 1024) });
    const body = { Entries: [anEntry({ Detail: detail }), anEntry({ Detail: detail })] };

    // Act
    const error = rejectionOf(body);

    // Assert
    expect(error.type).toBe('ValidationException');
    expect(error.message).toBe('Total size of the entries in the request is over the limit.');
  });

  it('accepts entries of exactly 256 KB in total', () => {
    // Arrange
    const base = anEntry({ Detail: '' });
    const padding = 256 * 1024 - entrySize(base) - '{"t":""}'.length;
    const entry = anEntry({ Detail: JSON.stringify({ t: 'x'.repeat(padding) }) });

    // Act
    const result = readPutEventsRequest({ Entries: [entry] });

    // Assert
    expect(entrySize(entry)).toBe(256 * 1024);
    expect(result).toHaveLength(1);
  });
});

describe('entrySize', () => {
  it('counts 14 bytes for Time and the UTF-8 bytes of the strings and resources', () => {
    // Arrange
    const entry = { Time: 1714564800, Source: 'é', DetailType: 'ab', Detail: '{}', Resources: ['r1', 'r22'] };

    // Act
    const size = entrySize(entry);

    // Assert
    expect(size).toBe(14 + 2 + 2 + 2 + 2 + 3);
  });
});

describe('eventBusNameOf', () => {
  it.each([
    [undefined, 'default'],
    ['', 'default'],
    ['chat', 'chat'],
    ['arn:aws:events:us-east-1:000000000000:event-bus/chat', 'chat'],
  ])('reads %p as the bus %p', (input, expected) => {
    // Act / Assert
    expect(eventBusNameOf(input)).toBe(expected);
  });
});

describe('buildEvent', () => {
  it('builds the event exactly as EventBridge delivers it', () => {
    // Act
    const outcome = buildEvent(anEntry({ Resources: ['arn:x'] }), context);

    // Assert
    expect(outcome).toEqual({
      ok: true,
      eventBusName: 'default',
      event: {
        version: '0',
        id: 'evt-1',
        'detail-type': 'MessageSent',
        source: 'chat.messaging',
        account: '000000000000',
        time: '2024-05-01T12:00:00Z',
        region: 'us-east-1',
        resources: ['arn:x'],
        detail: { metadata: { eventId: 'e1' }, data: { roomId: 'r1' } },
      },
    });
  });

  it('uses the entry Time (epoch seconds, as the SDK sends it) and the entry bus', () => {
    // Act
    const outcome = buildEvent(anEntry({ Time: 1700000000.5, EventBusName: 'chat' }), context);

    // Assert
    expect(outcome.ok && outcome.event.time).toBe('2023-11-14T22:13:20Z');
    expect(outcome.ok && outcome.eventBusName).toBe('chat');
  });

  it.each<[string, RawPutEventsEntry, string, string]>([
    [
      'no Source',
      { Source: undefined },
      'InvalidArgument',
      'Parameter Source is not valid. Reason: Source is a required argument.',
    ],
    [
      'no DetailType',
      { DetailType: '' },
      'InvalidArgument',
      'Parameter DetailType is not valid. Reason: DetailType is a required argument.',
    ],
    [
      'no Detail',
      { Detail: undefined },
      'InvalidArgument',
      'Parameter Detail is not valid. Reason: Detail is a required argument.',
    ],
    ['Detail that is not JSON', { Detail: '{oops' }, 'MalformedDetail', 'Detail is malformed.'],
    ['Detail that is a JSON array', { Detail: '[1]' }, 'MalformedDetail', 'Detail is malformed.'],
    ['Detail that is JSON null', { Detail: 'null' }, 'MalformedDetail', 'Detail is malformed.'],
    [
      'a source reserved for AWS',
      { Source: 'aws.ec2' },
      'NotAuthorizedForSourceException',
      'Not authorized for the source.',
    ],
  ])('rejects an entry with %s', (_description, overrides, code, message) => {
    // Act
    const outcome = buildEvent(anEntry(overrides), context);

    // Assert
    expect(outcome).toEqual({ ok: false, error: { ErrorCode: code, ErrorMessage: message } });
  });
});
