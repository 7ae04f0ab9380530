import {
  compareSequenceNumbers,
  parseCheckpoint,
  serializeCheckpoint,
  type StreamCheckpoint,
} from '../../../src/dynamodb/stream-checkpoint';

const checkpoint: StreamCheckpoint = {
  streamArn: 'arn:aws:dynamodb:ddblocal:000000000000:table/t/stream/x',
  shards: { 'shardId-1': { sequenceNumber: '000000000000000000017', finished: true }, 'shardId-2': {} },
};

describe('serializeCheckpoint and parseCheckpoint', () => {
  it('round-trip a checkpoint', () => {
    const text = serializeCheckpoint(checkpoint);

    expect(parseCheckpoint(text, 'cp.json')).toEqual(checkpoint);
  });

  it.each([
    ['not JSON', '{', 'is not valid JSON'],
    [
      'another version',
      JSON.stringify({ ...checkpoint, version: 2 }),
      'is not a version 1 stream checkpoint',
    ],
    [
      'a non-numeric sequence number',
      JSON.stringify({ version: 1, streamArn: 'a', shards: { s: { sequenceNumber: 'x' } } }),
      'is not a version 1 stream checkpoint',
    ],
  ])('reject %s with an error naming the file', (_what, text, message) => {
    expect(() => parseCheckpoint(text, '/data/cp.json')).toThrow(`Checkpoint file /data/cp.json ${message}`);
  });
});

describe('compareSequenceNumbers', () => {
  it('orders by numeric value, not by text', () => {
    const sorted = ['100', '000000000000000000021', '9'].sort(compareSequenceNumbers);

    expect(sorted).toEqual(['9', '000000000000000000021', '100']);
  });
});
