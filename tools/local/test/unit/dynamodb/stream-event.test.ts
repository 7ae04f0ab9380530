import type { _Record as StreamsRecord } from '@aws-sdk/client-dynamodb-streams';
import { toLambdaAttributeValue, toLambdaEvent, toLambdaRecord } from '../../../src/dynamodb/stream-event';

const STREAM_ARN = 'arn:aws:dynamodb:ddblocal:000000000000:table/messages/stream/2026-01-01T00:00:00.000';
const context = { streamArn: STREAM_ARN, awsRegion: 'eu-west-1' };

function aStreamRecord(overrides: Partial<StreamsRecord> = {}): StreamsRecord {
  return {
    eventID: 'e-1',
    eventName: 'MODIFY',
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'ddblocal',
    dynamodb: {
      ApproximateCreationDateTime: new Date('2026-01-02T03:04:05.678Z'),
      Keys: { pk: { S: 'room#1' } },
      NewImage: { pk: { S: 'room#1' }, count: { N: '2' } },
      OldImage: { pk: { S: 'room#1' }, count: { N: '1' } },
      SequenceNumber: '000000000000000000042',
      SizeBytes: 40,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
    ...overrides,
  };
}

describe('toLambdaRecord', () => {
  it('gives the record in the shape Lambda delivers, with epoch seconds and the mapping ARN and region', () => {
    const record = aStreamRecord();

    const lambdaRecord = toLambdaRecord(record, context);

    expect(lambdaRecord).toEqual({
      eventID: 'e-1',
      eventName: 'MODIFY',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'eu-west-1',
      dynamodb: {
        ApproximateCreationDateTime: 1767323045,
        Keys: { pk: { S: 'room#1' } },
        NewImage: { pk: { S: 'room#1' }, count: { N: '2' } },
        OldImage: { pk: { S: 'room#1' }, count: { N: '1' } },
        SequenceNumber: '000000000000000000042',
        SizeBytes: 40,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
      eventSourceARN: STREAM_ARN,
    });
  });

  it('leaves out the images a REMOVE or a KEYS_ONLY stream does not have', () => {
    const record = aStreamRecord({
      eventName: 'REMOVE',
      dynamodb: { Keys: { pk: { S: 'a' } }, SequenceNumber: '7', SizeBytes: 3, StreamViewType: 'KEYS_ONLY' },
    });

    const lambdaRecord = toLambdaRecord(record, context);

    expect(lambdaRecord.dynamodb).toEqual({
      Keys: { pk: { S: 'a' } },
      SequenceNumber: '7',
      SizeBytes: 3,
      StreamViewType: 'KEYS_ONLY',
    });
  });

  it('keeps the userIdentity of a TTL deletion in Lambda casing', () => {
    const record = aStreamRecord({
      eventName: 'REMOVE',
      userIdentity: { Type: 'Service', PrincipalId: 'dynamodb.amazonaws.com' },
    });

    const lambdaRecord = toLambdaRecord(record, context);

    expect(lambdaRecord.userIdentity).toEqual({ type: 'Service', principalId: 'dynamodb.amazonaws.com' });
  });

  it('refuses a record without a sequence number', () => {
    const record = aStreamRecord({ dynamodb: { Keys: { pk: { S: 'a' } } } });

    expect(() => toLambdaRecord(record, context)).toThrow('has no SequenceNumber');
  });
});

describe('toLambdaAttributeValue', () => {
  it('turns binary values into base64 strings, also inside sets, lists and maps', () => {
    const value = {
      M: {
        blob: { B: new Uint8Array([104, 105]) },
        blobs: { BS: [new Uint8Array([1]), new Uint8Array([2, 3])] },
        list: { L: [{ S: 'x' }, { BOOL: false }, { NULL: true }, { N: '1.5' }] },
        sets: { M: { ss: { SS: ['a', 'b'] }, ns: { NS: ['1', '2'] } } },
      },
    };

    const lambdaValue = toLambdaAttributeValue(value);

    expect(lambdaValue).toEqual({
      M: {
        blob: { B: 'aGk=' },
        blobs: { BS: ['AQ==', 'AgM='] },
        list: { L: [{ S: 'x' }, { BOOL: false }, { NULL: true }, { N: '1.5' }] },
        sets: { M: { ss: { SS: ['a', 'b'] }, ns: { NS: ['1', '2'] } } },
      },
    });
  });

  it('encodes only the bytes of a view into a larger buffer', () => {
    const view = new Uint8Array([120, 120, 104, 105, 120, 120]).subarray(2, 4);

    expect(toLambdaAttributeValue({ B: view })).toEqual({ B: 'aGk=' });
  });
});

describe('toLambdaEvent', () => {
  it('wraps the records of a batch in order', () => {
    const records = [aStreamRecord({ eventID: 'one' }), aStreamRecord({ eventID: 'two' })];

    const event = toLambdaEvent(records, context);

    expect(event.Records.map((record) => record.eventID)).toEqual(['one', 'two']);
  });
});
